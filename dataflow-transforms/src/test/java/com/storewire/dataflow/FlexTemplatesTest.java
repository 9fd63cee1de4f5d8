package com.storewire.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.dataflow.bigquery.StreamEventsToBigQuery;
import com.storewire.dataflow.forecast.pipeline.ForecastSafetyStock;
import com.storewire.dataflow.normalise.NormaliseVendorEvents;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Description;
import org.junit.jupiter.api.Test;

/**
 * Each pipeline's Flex Template metadata (what the Dataflow console and `gcloud dataflow
 * flex-template run` show and check) offers exactly the parameters its options interface reads, no
 * more and no fewer, and every regex a parameter declares accepts that option's default.
 */
class FlexTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TEMPLATES = Path.of("src/main/flex-templates");

  /** Template file → the options interface its launcher parses. */
  private static final Map<String, Class<?>> LAUNCHERS =
      Map.of(
          "normalise-vendor-events.json", NormaliseVendorEvents.Options.class,
          "stream-events-to-bigquery.json", StreamEventsToBigQuery.Options.class,
          "forecast-safety-stock.json", ForecastSafetyStock.Options.class);

  @Test
  void everyPipelineHasATemplateAndEveryTemplateAPipeline() throws Exception {
    try (var files = Files.list(TEMPLATES)) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".json"))
                  .collect(Collectors.toSet()))
          .isEqualTo(LAUNCHERS.keySet());
    }
  }

  /**
   * main-classes.properties, which Cloud Build sets as each template's main class and the local
   * launcher starts, names for each template the class whose options its metadata offers.
   */
  @Test
  void everyTemplatesMainClassIsItsPipelines() throws Exception {
    Properties mainClasses = new Properties();
    try (var in = Files.newBufferedReader(TEMPLATES.resolve("main-classes.properties"))) {
      mainClasses.load(in);
    }
    Map<String, Class<?>> launchers = new TreeMap<>();
    for (String name : mainClasses.stringPropertyNames()) {
      Class<?> main = Class.forName(mainClasses.getProperty(name));
      assertThat(main.getMethod("main", String[].class).getModifiers() & Modifier.STATIC)
          .as("%s has a static main", main)
          .isNotZero();
      launchers.put(name + ".json", Class.forName(main.getName() + "$Options"));
    }
    assertThat(launchers).isEqualTo(new TreeMap<>(LAUNCHERS));
  }

  @Test
  void templateParametersAreTheOptionsThePipelineDeclares() throws Exception {
    for (Map.Entry<String, Class<?>> launcher : LAUNCHERS.entrySet()) {
      JsonNode template = JSON.readTree(TEMPLATES.resolve(launcher.getKey()).toFile());
      Set<String> parameters = new TreeSet<>();
      template.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));

      assertThat(parameters).as(launcher.getKey()).isEqualTo(declaredOptions(launcher.getValue()));
      template
          .path("parameters")
          .forEach(
              p -> {
                assertThat(p.path("helpText").asText()).as("help for %s", p).isNotBlank();
                assertThat(p.path("label").asText()).as("label for %s", p).isNotBlank();
              });
    }
  }

  @Test
  void everyRegexAcceptsTheOptionsDefault() throws Exception {
    for (Map.Entry<String, Class<?>> launcher : LAUNCHERS.entrySet()) {
      JsonNode template = JSON.readTree(TEMPLATES.resolve(launcher.getKey()).toFile());
      for (JsonNode parameter : template.path("parameters")) {
        String defaultValue = defaultOf(launcher.getValue(), parameter.path("name").asText());
        for (JsonNode regex : parameter.path("regexes")) {
          if (defaultValue != null) {
            assertThat(Pattern.compile(regex.asText()).matcher(defaultValue).matches())
                .as("%s accepts default %s", regex, defaultValue)
                .isTrue();
          }
        }
      }
    }
  }

  /** The options Storewire declares, on the interface or one it shares (not Beam's or GCP's). */
  private static Set<String> declaredOptions(Class<?> options) {
    return Arrays.stream(options.getMethods())
        .filter(m -> m.getDeclaringClass().getName().startsWith("com.storewire."))
        .filter(m -> m.getName().startsWith("get") && m.isAnnotationPresent(Description.class))
        .map(m -> Introspector.decapitalize(m.getName().substring(3)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String defaultOf(Class<?> options, String name) throws Exception {
    Method getter =
        options.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    var stringDefault = getter.getAnnotation(org.apache.beam.sdk.options.Default.String.class);
    if (stringDefault != null) {
      return stringDefault.value();
    }
    var intDefault = getter.getAnnotation(org.apache.beam.sdk.options.Default.Integer.class);
    if (intDefault != null) {
      return Integer.toString(intDefault.value());
    }
    var doubleDefault = getter.getAnnotation(org.apache.beam.sdk.options.Default.Double.class);
    return doubleDefault == null ? null : Double.toString(doubleDefault.value());
  }
}
