package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * cloudbuild.yaml (read with SnakeYAML) names only what exists: Maven modules of the root pom, poms
 * on disk, images a Jib configuration produces, and terraform environment directories.
 */
class CloudBuildConfigTest {

  private static final Path REPO = Terraform.REPO;
  private static final Pattern PROJECT_LIST = Pattern.compile("^-pl$|^--projects$");
  private static final Pattern FILE_FLAG = Pattern.compile("-f\\s+(\\S+/pom\\.xml)");
  private static final Pattern ENV_DIR =
      Pattern.compile("/workspace/(terraform/environments)/(\\$\\$env|\\$\\{_APPLY_ENV}|[a-z]+)");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config() throws IOException {
    return new Yaml().load(Files.readString(REPO.resolve("cloudbuild.yaml")));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws IOException {
    return (List<Map<String, Object>>) config().get("steps");
  }

  /** A step's command line: its arguments, or the script of a `bash -c`/`sh -c` step. */
  @SuppressWarnings("unchecked")
  private static List<String> args(Map<String, Object> step) {
    return ((List<Object>) step.getOrDefault("args", List.of()))
        .stream().map(String::valueOf).toList();
  }

  private static String script(Map<String, Object> step) {
    return String.join(" ", args(step));
  }

  /**
   * Each Flex Template it builds, one per line of main-classes.properties, has its main class and
   * its metadata file, and ships the jar dataflow-transforms' `package` shades (the one `verify`
   * tested), not a rebuild of its own.
   */
  @Test
  void everyFlexTemplateItBuildsHasItsLauncherMetadataAndTheTestedJar() throws Exception {
    String flexTemplates =
        steps().stream()
            .filter(s -> "flex-templates".equals(s.get("id")))
            .map(CloudBuildConfigTest::script)
            .findFirst()
            .orElseThrow();
    Path templates = REPO.resolve("dataflow-transforms/src/main/flex-templates");
    assertThat(flexTemplates)
        .contains("templates=dataflow-transforms/src/main/flex-templates")
        .contains("$$templates/main-classes.properties")
        .contains("--metadata-file=$$templates/$${name}.json")
        .contains("--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=$$class")
        .contains("jar=dataflow-transforms/target/" + flexTemplateJar())
        .contains("--jar=\"$$jar\"")
        .doesNotContain("mvn");

    Properties mainClasses = new Properties();
    try (var in = Files.newBufferedReader(templates.resolve("main-classes.properties"))) {
      mainClasses.load(in);
    }
    for (String name : mainClasses.stringPropertyNames()) {
      Path launcher =
          REPO.resolve("dataflow-transforms/src/main/java")
              .resolve(mainClasses.getProperty(name).replace('.', '/') + ".java");
      assertThat(launcher).as("launcher of %s", name).isRegularFile();
      assertThat(templates.resolve(name + ".json")).as("metadata of %s", name).isRegularFile();
    }
    assertThat(mainClasses).as("Flex Templates built").hasSize(3);
  }

  /** The file name of the shade plugin's outputFile in dataflow-transforms' pom. */
  private static String flexTemplateJar() throws Exception {
    Document pom = xml(REPO.resolve("dataflow-transforms/pom.xml"));
    String outputFile = pom.getElementsByTagName("outputFile").item(0).getTextContent().trim();
    assertThat(outputFile).startsWith("${project.build.directory}/");
    return outputFile.substring("${project.build.directory}/".length());
  }

  @Test
  void runsTheReadmesTestCommandAndHasUniqueStepIds() throws IOException {
    List<Map<String, Object>> steps = steps();
    List<String> ids = steps.stream().map(s -> String.valueOf(s.get("id"))).toList();
    assertThat(ids).doesNotHaveDuplicates().doesNotContain("null");
    Map<String, Object> verify = steps.get(ids.indexOf("verify"));
    assertThat(verify.get("entrypoint")).isEqualTo("mvn");
    assertThat(args(verify)).contains("-B", "verify");
    assertThat(Files.readString(REPO.resolve("README.md"))).contains("mvn -B verify");
  }

  @Test
  void everyMavenModuleAndPomItNamesExists() throws Exception {
    Set<String> modules = rootModules();
    Set<String> named = new TreeSet<>();
    for (Map<String, Object> step : steps()) {
      List<String> args = new ArrayList<>();
      for (String arg : args(step)) {
        args.addAll(List.of(arg.split("\\s+")));
      }
      for (int i = 0; i + 1 < args.size(); i++) {
        if (PROJECT_LIST.matcher(args.get(i)).matches()) {
          for (String module : args.get(i + 1).replace("\"", "").split(",")) {
            named.add(module);
          }
        }
      }
      Matcher poms = FILE_FLAG.matcher(script(step));
      while (poms.find()) {
        assertThat(REPO.resolve(poms.group(1)))
            .as("pom of step %s", step.get("id"))
            .isRegularFile();
      }
    }
    assertThat(named).isNotEmpty();
    assertThat(modules).as("root pom <modules>").containsAll(named);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyImageCloudBuildPushesWithJibIsOneItsModuleConfigures() throws Exception {
    Map<String, Object> substitutions = (Map<String, Object>) config().get("substitutions");
    int jibSteps = 0;
    for (Map<String, Object> step : steps()) {
      List<String> args = args(step);
      if (!args.contains("jib:build")) {
        continue;
      }
      jibSteps++;
      String module = args.get(args.indexOf("-pl") + 1);
      String image = jibImage(module);
      assertThat(image)
          .as("%s's Jib image", module)
          .isEqualTo("${gcp.region}-docker.pkg.dev/${gcp.project}/storewire/" + module);
      // Cloud Build fills the image's properties, tagging with the commit.
      assertThat(args)
          .contains(
              "-Dgcp.region=${_REGION}",
              "-Dgcp.project=${PROJECT_ID}",
              "-Dimage.tag=${COMMIT_SHA}");
      assertThat(substitutions.get("_REPOSITORY")).isEqualTo("storewire");
    }
    assertThat(jibSteps).isGreaterThanOrEqualTo(1);
  }

  @Test
  void everyImageTerraformDeploysIsBuiltByJib() throws Exception {
    String platform = Terraform.directoryText(Terraform.module("platform"));
    Matcher m = Pattern.compile("\\$\\{local\\.images}/([a-z-]+):").matcher(platform);
    Set<String> deployed = new LinkedHashSet<>();
    while (m.find()) {
      deployed.add(m.group(1));
    }
    assertThat(deployed).contains("order-intake", "reconciliation-job");
    Set<String> pushed = new TreeSet<>();
    for (Map<String, Object> step : steps()) {
      List<String> args = args(step);
      if (args.contains("jib:build")) {
        pushed.add(args.get(args.indexOf("-pl") + 1));
      }
    }
    for (String image : deployed) {
      assertThat(REPO.resolve(image).resolve("pom.xml")).as("%s's module", image).isRegularFile();
      assertThat(pushed).as("Cloud Build pushes %s with Jib", image).contains(image);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyTerraformDirectoryItPlansOrAppliesExists() throws IOException {
    Map<String, Object> substitutions = (Map<String, Object>) config().get("substitutions");
    List<String> envs = List.of(String.valueOf(substitutions.get("_ENVS")).split(","));
    assertThat(envs).containsExactlyInAnyOrderElementsOf(Terraform.ENVIRONMENTS);
    assertThat(Terraform.ENVIRONMENTS).contains(String.valueOf(substitutions.get("_APPLY_ENV")));
    int references = 0;
    for (Map<String, Object> step : steps()) {
      Matcher m = ENV_DIR.matcher(script(step));
      while (m.find()) {
        references++;
        String env = m.group(2);
        List<String> candidates = env.startsWith("$") ? envs : List.of(env);
        for (String candidate : candidates) {
          assertThat(REPO.resolve(m.group(1)).resolve(candidate).resolve("versions.tf"))
              .as("terraform root of step %s", step.get("id"))
              .isRegularFile();
        }
      }
    }
    assertThat(references).isGreaterThanOrEqualTo(2);
    String plan =
        script(steps().stream().filter(s -> "plan".equals(s.get("id"))).findFirst().orElseThrow());
    assertThat(plan).contains("-out=/workspace/plans/").contains("image_tag=${COMMIT_SHA}");
    Map<String, Object> artifacts =
        (Map<String, Object>) ((Map<String, Object>) config().get("artifacts")).get("objects");
    assertThat((List<String>) artifacts.get("paths")).contains("/workspace/plans/*.tfplan");
  }

  private static Set<String> rootModules() throws Exception {
    Document pom = xml(REPO.resolve("pom.xml"));
    NodeList modules = pom.getElementsByTagName("module");
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < modules.getLength(); i++) {
      out.add(modules.item(i).getTextContent().trim());
    }
    return out;
  }

  private static String jibImage(String module) throws Exception {
    Document pom = xml(REPO.resolve(module).resolve("pom.xml"));
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
        Element to = (Element) plugin.getElementsByTagName("to").item(0);
        assertThat(text((Element) plugin.getElementsByTagName("from").item(0), "image"))
            .isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
        return text(to, "image");
      }
    }
    throw new AssertionError(module + "/pom.xml has no jib-maven-plugin configuration");
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }
}
