package com.storewire.intake.gcp;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.stackdriver.StackdriverConfig;
import io.micrometer.stackdriver.StackdriverMeterRegistry;
import io.micronaut.configuration.metrics.micrometer.ExportConfigurationProperties;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes the service's meters to Cloud Monitoring, where terraform's alerts watch them. It stands
 * in for micronaut-micrometer-registry-stackdriver, which our Maven mirror does not serve, and
 * reads the same keys ({@code micronaut.metrics.export.stackdriver.*}), so moving to that module is
 * a pom change. Off unless enabled: only Cloud Run turns it on, so tests and the local stack never
 * reach Google. Micronaut's composite registry picks the bean up.
 */
@Factory
@Requires(property = CloudMonitoringExport.ENABLED, value = "true")
public final class CloudMonitoringExport {

  static final String ENABLED = "micronaut.metrics.export.stackdriver.enabled";

  /** The meters exported: the ones dashboards and alerts read. */
  static final String PREFIX = "storewire.";

  @Singleton
  @Bean(preDestroy = "close")
  StackdriverMeterRegistry stackdriverMeterRegistry(ExportConfigurationProperties properties) {
    StackdriverMeterRegistry registry =
        StackdriverMeterRegistry.builder(config(properties)).build();
    // Cloud Monitoring refuses points written to one series more often than its sampling period
    // allows, which several Cloud Run instances writing the same series would do: each writes its
    // own. The alerts take the maximum of every series, whatever its instance.
    registry.config().commonTags("instance", UUID.randomUUID().toString());
    // Only Storewire's own meters: Cloud Run already charts the container's CPU, memory, requests
    // and latencies, and every JVM and HTTP meter here would be a billed custom metric per
    // instance.
    registry.config().meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(PREFIX)));
    return registry;
  }

  /** The registry's settings as Micrometer reads them: {@code stackdriver.projectId} and so on. */
  public static StackdriverConfig config(ExportConfigurationProperties properties) {
    Properties export = properties.getExport();
    return export::getProperty;
  }
}
