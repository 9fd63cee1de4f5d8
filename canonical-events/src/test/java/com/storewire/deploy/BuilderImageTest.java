package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builder image every Cloud Build step runs on (build/builder/Dockerfile) is what the README
 * says a machine needs, and everything names one Terraform version: no Docker engine runs here, so
 * the Dockerfile is read, not built (its last RUN checks each tool's version when Cloud Build
 * builds it).
 */
class BuilderImageTest {

  private static final Path REPO = Terraform.REPO;
  private static final Path DOCKERFILE = REPO.resolve("build/builder/Dockerfile");

  /** A Terraform version as prose, an apt pin or an image tag name it. */
  private static final Pattern TERRAFORM_VERSION =
      Pattern.compile("(?i)\\bterraform(?: v|=| |:|@)(\\d+\\.\\d+(?:\\.\\d+)?)");

  static List<String> environments() {
    return Terraform.ENVIRONMENTS;
  }

  @Test
  void isDebianBookwormWithJdk17() throws IOException {
    List<String> instructions = instructions();
    assertThat(instructions.stream().filter(i -> i.startsWith("FROM ")))
        .containsExactly("FROM debian:bookworm");
    assertThat(aptPackages()).containsKeys("openjdk-17-jdk-headless", "maven");
  }

  /**
   * Every package the README's prerequisites install, the image installs (and at the version the
   * README pins), so `mvn -B verify` finds in Cloud Build what it finds on a developer's machine.
   */
  @Test
  void installsEveryPrerequisiteTheReadmeLists() throws IOException {
    Map<String, String> readme = readmePackages();
    assertThat(readme)
        .containsKeys(
            "openjdk-17-jdk-headless",
            "maven",
            "nodejs",
            "chromium",
            "google-cloud-cli",
            "google-cloud-cli-pubsub-emulator",
            "google-cloud-cli-firestore-emulator",
            "terraform");
    Map<String, String> image = aptPackages();
    assertThat(image).containsKeys(readme.keySet().toArray(String[]::new));
    readme.forEach(
        (name, version) -> {
          if (!version.isEmpty()) {
            assertThat(image.get(name)).as("%s's version in the image", name).isEqualTo(version);
          }
        });

    // Node: the major version the README names is the repository the image installs from.
    String node = arg("NODE_MAJOR");
    String text = Files.readString(REPO.resolve("README.md"));
    assertThat(text).contains("Node " + node + " with npm").contains("node_" + node + ".x");
    assertThat(Files.readString(DOCKERFILE))
        .contains("https://deb.nodesource.com/node_${NODE_MAJOR}.x");
    // The emulators come at the Google Cloud CLI's own version.
    String cli = arg("GOOGLE_CLOUD_CLI_VERSION");
    assertThat(image)
        .containsEntry("google-cloud-cli", cli + "-0")
        .containsEntry("google-cloud-cli-pubsub-emulator", cli + "-0")
        .containsEntry("google-cloud-cli-firestore-emulator", cli + "-0");
  }

  /**
   * One Terraform: the image's is the version every environment requires exactly (a saved plan
   * applies only with the Terraform that made it), the README installs and docs/deploy.md names;
   * the Cloud Build configs name no other (they run Terraform on the image).
   */
  @ParameterizedTest
  @MethodSource("environments")
  void everyEnvironmentRequiresTheImagesTerraform(String env) {
    Map<String, Object> terraform =
        Terraform.map(Terraform.parseDirectory(Terraform.environment(env)), "terraform");
    assertThat(terraform.get("required_version")).isEqualTo(arg("TERRAFORM_VERSION"));
  }

  @Test
  void theReadmeTheDeployGuideAndCloudBuildNameTheImagesTerraform() throws IOException {
    String version = arg("TERRAFORM_VERSION");
    assertThat(aptPackages()).containsEntry("terraform", version + "-1");
    assertThat(readmePackages()).containsEntry("terraform", version + "-1");
    for (String file :
        List.of(
            "README.md",
            "docs/deploy.md",
            "cloudbuild.yaml",
            "build/apply.cloudbuild.yaml",
            "build/builder/Dockerfile")) {
      Set<String> named = new TreeSet<>();
      Matcher m = TERRAFORM_VERSION.matcher(Files.readString(REPO.resolve(file)));
      while (m.find()) {
        named.add(m.group(1));
      }
      assertThat(named).as("Terraform versions %s names", file).isSubsetOf(version);
      if (file.endsWith(".md")) {
        assertThat(named).as("%s names the Terraform version", file).containsExactly(version);
      }
    }
  }

  /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
  private static List<String> instructions() throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
      } else {
        out.add(current.append(line).toString().strip().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return out;
  }

  /** An ARG's default value. */
  private static String arg(String name) {
    try {
      return instructions().stream()
          .filter(i -> i.startsWith("ARG " + name + "="))
          .map(i -> i.substring(("ARG " + name + "=").length()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("the Dockerfile has no ARG " + name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every package an `apt-get install` of the Dockerfile installs, with its pinned version. */
  private static Map<String, String> aptPackages() throws IOException {
    Map<String, String> packages = new java.util.TreeMap<>();
    for (String instruction : instructions()) {
      packages.putAll(installed(instruction));
    }
    // ${ARG} in a pin is the ARG's default.
    packages.replaceAll(
        (name, version) -> {
          Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(version);
          return m.replaceAll(r -> arg(r.group(1)));
        });
    return packages;
  }

  /** What the README's prerequisites block installs (its `apt-get install` lines). */
  private static Map<String, String> readmePackages() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    int section = readme.indexOf("## Prerequisites (Debian)");
    assertThat(section).as("README's prerequisites section").isNotNegative();
    int open = readme.indexOf("```bash", section);
    String block = readme.substring(open, readme.indexOf("```", open + 3));
    Map<String, String> packages = new java.util.TreeMap<>();
    for (String line : block.split("\n")) {
      if (!line.stripLeading().startsWith("#")) {
        packages.putAll(installed(line));
      }
    }
    return packages;
  }

  /** Packages (name to pinned version, "" when unpinned) of each `apt-get install` in a line. */
  private static Map<String, String> installed(String line) {
    Map<String, String> packages = new java.util.TreeMap<>();
    for (String command : line.split("&&|;")) {
      String[] words = command.strip().split("\\s+");
      int install = List.of(words).indexOf("install");
      if (install < 1 || !words[install - 1].equals("apt-get")) {
        continue;
      }
      for (int i = install + 1; i < words.length; i++) {
        String word = words[i];
        if (word.startsWith("-")) {
          continue;
        }
        int pin = word.indexOf('=');
        packages.put(
            pin < 0 ? word : word.substring(0, pin), pin < 0 ? "" : word.substring(pin + 1));
      }
    }
    return packages;
  }
}
