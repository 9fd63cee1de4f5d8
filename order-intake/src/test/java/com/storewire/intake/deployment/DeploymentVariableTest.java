package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * DeploymentVariable is the whole list of what order-intake reads from its environment: exactly the
 * variables application.yml's placeholders name, each bound to the property it says, and no code
 * reads a variable itself.
 */
class DeploymentVariableTest {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  @Test
  void theListIsExactlyTheVariablesApplicationYmlReads() throws IOException {
    Map<String, String> yml = flatten(applicationYml());
    Set<String> placeholders = new TreeSet<>();
    yml.values().forEach(value -> placeholders.addAll(variables(value).keySet()));

    assertThat(placeholders)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(DeploymentVariable.values()).map(Enum::name).toList());
    for (DeploymentVariable variable : DeploymentVariable.values()) {
      assertThat(variables(yml.getOrDefault(variable.property(), "")))
          .as("%s binds %s", variable.property(), variable)
          .containsKey(variable.name());
      if (variable.requiredBy(Routes.PUBLIC, true) || variable.requiredBy(Routes.PRIVATE, true)) {
        assertThat(variables(yml.get(variable.property())).get(variable.name()))
            .as("a required variable has no default: %s", variable)
            .isEmpty();
      }
    }
  }

  @Test
  void eachDeploymentReadsItsOwnSecretsOnly() {
    Set<String> publicSecrets = secretsReadBy(Routes.PUBLIC);
    Set<String> privateSecrets = secretsReadBy(Routes.PRIVATE);

    assertThat(publicSecrets)
        .containsExactlyInAnyOrder(
            "STOREWIRE_STOREFRONT_API_KEYS",
            "SHOPIFY_WEBHOOK_SECRET",
            "WOOCOMMERCE_WEBHOOK_SECRET",
            "AMAZON_EVENTBRIDGE_API_KEY",
            "EBAY_CLIENT_SECRET",
            "EBAY_VERIFICATION_TOKEN");
    assertThat(privateSecrets).containsExactly("STOREWIRE_RECOVERY_SECRET");
  }

  @Test
  void noCodeReadsTheEnvironmentItself() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      List<Path> readers =
          sources
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("System.getenv");
                    } catch (IOException e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .toList();
      assertThat(readers).isEmpty();
    }
  }

  private static Set<String> secretsReadBy(Routes routes) {
    return Arrays.stream(DeploymentVariable.values())
        .filter(v -> v.secret() && v.readBy(routes))
        .map(Enum::name)
        .collect(Collectors.toSet());
  }

  /** Variable name to its default ("" when it has none or an empty one). */
  private static Map<String, String> variables(String value) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher matcher = PLACEHOLDER.matcher(value == null ? "" : value);
    while (matcher.find()) {
      found.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
    }
    return found;
  }

  private static Map<String, Object> applicationYml() throws IOException {
    try (InputStream in = DeploymentVariableTest.class.getResourceAsStream("/application.yml")) {
      return new Yaml().load(in);
    }
  }

  private static Map<String, String> flatten(Map<String, Object> tree) {
    Map<String, String> flat = new LinkedHashMap<>();
    flatten("", tree, flat);
    return flat;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> flat) {
    tree.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> map) {
            flatten(name, (Map<String, Object>) map, flat);
          } else {
            flat.put(name, String.valueOf(value));
          }
        });
  }
}
