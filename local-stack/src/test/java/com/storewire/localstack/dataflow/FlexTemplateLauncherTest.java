package com.storewire.localstack.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.localstack.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher reads the templates' real metadata and refuses, as Dataflow does, a launch whose
 * parameters the template does not take, before anything starts.
 */
class FlexTemplateLauncherTest {

  private static final Path TEMPLATES =
      LocalServices.home().resolve(FlexTemplateLauncher.TEMPLATES);

  private static final Map<String, String> FORECAST =
      Map.of(
          "history", "/data/history/*.jsonl",
          "eventsOutput", "/data/out/safety-stock.jsonl",
          "forecastsOutput", "/data/out/forecasts.jsonl",
          "failuresOutput", "gs://storewire-dev-storewire-artifacts/forecast/out/failures.jsonl");

  @Test
  void readsEachTemplatesMainClassModeAndParameters() {
    FlexTemplate forecast = FlexTemplate.read(TEMPLATES, "forecast-safety-stock");
    assertThat(forecast.mainClass())
        .isEqualTo("com.storewire.dataflow.forecast.pipeline.ForecastSafetyStock");
    assertThat(forecast.streaming()).isFalse();
    assertThat(forecast.parameters())
        .filteredOn(p -> !p.optional())
        .extracting(FlexTemplate.Parameter::name)
        .containsExactly("history", "eventsOutput", "forecastsOutput", "failuresOutput");

    FlexTemplate normalise = FlexTemplate.read(TEMPLATES, "normalise-vendor-events");
    assertThat(normalise.mainClass())
        .isEqualTo("com.storewire.dataflow.normalise.NormaliseVendorEvents");
    assertThat(normalise.streaming()).isTrue();
    assertThat(FlexTemplate.read(TEMPLATES, "stream-events-to-bigquery").streaming()).isTrue();
  }

  @Test
  void acceptsTheParametersTheMetadataDeclares() {
    FlexTemplate forecast = FlexTemplate.read(TEMPLATES, "forecast-safety-stock");
    Map<String, String> withOptional = new java.util.HashMap<>(FORECAST);
    withOptional.put("horizonDays", "14");
    withOptional.put("forecastTable", "storewire-dev:storewire.demand_forecasts");

    assertThat(forecast.problems(FORECAST)).isEmpty();
    assertThat(forecast.problems(withOptional)).isEmpty();
  }

  @Test
  void refusesUnknownMissingAndMismatchedParametersBeforeAnythingStarts(@TempDir Path dir)
      throws Exception {
    Path logs = dir.resolve("logs");
    // No jar at all: a launch that got past validation would fail on it instead.
    FlexTemplateLauncher launcher =
        new FlexTemplateLauncher(TEMPLATES, dir.resolve("no.jar"), logs, Duration.ofMinutes(1));
    long childrenBefore = ProcessHandle.current().children().count();

    assertThatThrownBy(
            () ->
                launcher.launch(
                    "forecast-safety-stock",
                    Map.of(
                        "history", "history/*.jsonl",
                        "eventsOutput", "/out/events.jsonl",
                        "forecastsOutput", "/out/forecasts.jsonl",
                        "horizonDays", "0",
                        "colour", "blue"),
                    Map.of()))
        .isInstanceOfSatisfying(
            InvalidTemplateParametersException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "unrecognized parameter 'colour': forecast-safety-stock takes history,"
                            + " eventsOutput, forecastsOutput, failuresOutput, forecastTable,"
                            + " pubsubProject, classARevenueShare, classBRevenueShare,"
                            + " serviceLevelA, serviceLevelB, serviceLevelC, leadTimeMeanDays,"
                            + " leadTimeStdDevDays, horizonDays",
                        "parameter 'history' is 'history/*.jsonl', which does not match"
                            + " ^gs://.+|^/.+",
                        "missing required parameter 'failuresOutput'",
                        "parameter 'horizonDays' is '0', which does not match ^[1-9][0-9]*$"))
        .hasMessageStartingWith(
            "The template parameters of forecast-safety-stock are invalid, so it was not"
                + " launched:");

    assertThat(logs).as("no launch, so no log").doesNotExist();
    assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
  }

  @Test
  void refusesARunnerOrATemplateParameterInTheLaunchEnvironment(@TempDir Path dir) {
    FlexTemplateLauncher launcher =
        new FlexTemplateLauncher(
            TEMPLATES, dir.resolve("no.jar"), dir.resolve("logs"), Duration.ofMinutes(1));

    assertThatThrownBy(
            () ->
                launcher.launch(
                    "normalise-vendor-events",
                    Map.of(),
                    Map.of("runner", "DataflowRunner", "dataset", "other", "project", "p-1")))
        .isInstanceOfSatisfying(
            InvalidTemplateParametersException.class,
            refused ->
                assertThat(refused.problems())
                    .containsExactly(
                        "'dataset' is not the launch environment's to set",
                        "'runner' is not the launch environment's to set: the launcher runs"
                            + " DirectRunner"));
    assertThat(Files.exists(dir.resolve("logs"))).isFalse();
  }

  @Test
  void refusesATemplateThatDoesNotExist(@TempDir Path dir) {
    FlexTemplateLauncher launcher =
        new FlexTemplateLauncher(
            TEMPLATES, dir.resolve("no.jar"), dir.resolve("logs"), Duration.ofMinutes(1));

    assertThatThrownBy(() -> launcher.launch("word-count", Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no Flex Template named word-count")
        .hasMessageContaining("forecast-safety-stock");
  }
}
