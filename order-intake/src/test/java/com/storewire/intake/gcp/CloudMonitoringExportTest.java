package com.storewire.intake.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.storewire.intake.IntakeTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.stackdriver.StackdriverConfig;
import io.micrometer.stackdriver.StackdriverMeterRegistry;
import io.micronaut.configuration.metrics.micrometer.ExportConfigurationProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerts in terraform/modules/monitoring watch metric types by name; this proves they are the
 * ones Micrometer's Stackdriver registry writes for order-intake's meters, named by the registry's
 * own convention and prefix, and that the export stays off where Google cannot be reached.
 */
@MicronautTest
class CloudMonitoringExportTest extends IntakeTest {

  private static final Path MONITORING = Path.of("..", "terraform", "modules", "monitoring");
  private static final Path PLATFORM = Path.of("..", "terraform", "modules", "platform");

  @Inject MeterRegistry meters;

  /** The sweeper runs as on Cloud Run (it registers the expiry counter), idle during the test. */
  @Override
  protected Map<String, String> extraProperties() {
    return Map.of("storewire.sweeper.enabled", "true", "storewire.sweeper.interval", "1h");
  }

  @Inject ExportConfigurationProperties export;
  @Inject ApplicationContext context;

  @Test
  void theAlertsWatchTheMetricTypesTheRegistryWritesForTheOversoldCounterAndOutboxLagGauge()
      throws Exception {
    // An oversold marketplace order registers its counter; the outbox relay and the expiry
    // sweeper, running here as on Cloud Run, register the gauge and the expiry counter.
    seed("MON-1", 1, 1);
    String body = shopifyOrder(9101, "MON-1", 3);
    Answer answer = shopify(body, hmac(SHOPIFY_SECRET, body), "wh-monitoring");
    assertThat(answer.json().get("status").asText()).isEqualTo("oversold");

    StackdriverConfig config = CloudMonitoringExport.config(export);
    Map<String, Meter> written = new LinkedHashMap<>();
    // Disabled, as everywhere but Cloud Run: it names meters but opens no client.
    StackdriverMeterRegistry stackdriver = StackdriverMeterRegistry.builder(config).build();
    for (Meter meter : meters.getMeters()) {
      written.put(
          config.metricTypePrefix()
              + meter.getId().getConventionName(stackdriver.config().namingConvention()),
          meter);
    }

    Map<String, String> alerted = alertedMetricTypes();
    assertThat(alerted).containsOnlyKeys("outbox_lag_ms", "oversold_units", "orders_expired");
    assertThat(written.keySet()).containsAll(alerted.values());
    // Without semantic metric types the registry writes a counter's count per step and a gauge's
    // value, both as GAUGE points: what main.tf's ALIGN_MAX over 60s assumes.
    assertThat(config.useSemanticMetricTypes()).isFalse();
    assertThat(config.step()).isEqualTo(Duration.ofSeconds(60));
    assertThat(written.get(alerted.get("oversold_units"))).isInstanceOf(Counter.class);
    assertThat(written.get(alerted.get("outbox_lag_ms"))).isInstanceOf(Gauge.class);
    assertThat(written.get(alerted.get("orders_expired"))).isInstanceOf(Counter.class);
  }

  @Test
  void onlyStorewiresOwnMetersAreExported() {
    StackdriverMeterRegistry registry =
        new CloudMonitoringExport().stackdriverMeterRegistry(export);
    registry.counter("storewire.orders.expired").increment();
    registry.gauge("jvm.threads.live", 12);
    registry.counter("http.server.requests").increment();

    assertThat(registry.getMeters())
        .extracting(m -> m.getId().getName())
        .containsExactly("storewire.orders.expired");
    registry.close();
  }

  @Test
  void theExportIsOffUnlessCloudRunTurnsItOn() throws IOException {
    assertThat(CloudMonitoringExport.config(export).enabled()).isFalse();
    assertThat(context.getBeansOfType(StackdriverMeterRegistry.class)).isEmpty();
    // Terraform turns it on for the deployed service: the description names the platform fact,
    // which terraform sets to true (locally it is false).
    assertThat(
            com.storewire.deployment.Deployment.storewire()
                .deployable(com.storewire.deployment.Deployment.ORDER_INTAKE)
                .env()
                .get("STOREWIRE_METRICS_EXPORT"))
        .isEqualTo(
            new com.storewire.deployment.EnvValue.Platform(
                com.storewire.deployment.Deployment.Platform.METRICS_EXPORT));
    assertThat(text(PLATFORM.resolve("deployables.tf")))
        .containsPattern("metrics_export\\s+= \"true\"");
  }

  /**
   * The monitoring module's metric_types as the alerts get them: the platform passes none, so the
   * defaults of the variable's optional attributes apply. hcl4j drops {@code optional(...)}
   * defaults from a type, and cannot parse the platform's references, so those are read from the
   * text.
   */
  private static Map<String, String> alertedMetricTypes() throws Exception {
    assertThat(textOf(PLATFORM.resolve("main.tf"), "module \"monitoring\""))
        .doesNotContain("metric_types");

    Path variables = MONITORING.resolve("variables.tf");
    assertThat(block(variables, "variable", "metric_types")).containsEntry("default", Map.of());
    String block = textOf(variables, "variable \"metric_types\"");
    Map<String, String> types = new LinkedHashMap<>();
    Matcher attribute =
        Pattern.compile("(\\w+)\\s*=\\s*optional\\(string,\\s*\"([^\"]+)\"\\)").matcher(block);
    while (attribute.find()) {
      types.put(attribute.group(1), attribute.group(2));
    }
    return types;
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file);
  }

  /**
   * A top-level block's text, up to its closing brace (terraform fmt puts it alone at column 0).
   */
  private static String textOf(Path file, String header) throws IOException {
    String text = text(file);
    int start = text.indexOf(header + " {");
    assertThat(start).as("%s in %s", header, file).isNotNegative();
    return text.substring(start, text.indexOf("\n}", start));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> block(Path file, String kind, String name) throws Exception {
    Map<String, Object> parsed = new HCLParser().parse(text(file), false);
    Object block = ((Map<String, Object>) parsed.getOrDefault(kind, Map.of())).get(name);
    assertThat(block).as("%s \"%s\" in %s", kind, name, file).isInstanceOf(Map.class);
    return (Map<String, Object>) block;
  }
}
