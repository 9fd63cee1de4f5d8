package com.storewire.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.reconciliation.run.RunReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {

  @Test
  void tasksAddUpToTheExecutionAndTheJsonNestsByChannelAndClass() throws Exception {
    RunReport first =
        new RunReport(
            "exec-1",
            1,
            false,
            false,
            Map.of(
                "skus_checked", 10L,
                "differences.shopify.DRIFT", 2L,
                "corrections.shopify", 2L,
                "vendor_calls.shopify", 3L));
    RunReport second =
        new RunReport(
            "exec-1",
            1,
            false,
            true,
            Map.of(
                "skus_checked", 12L,
                "differences.shopify.DRIFT", 1L,
                "differences.ebay.STALE", 4L,
                "vendor_calls.ebay", 5L));

    RunReport execution = RunReport.merge(List.of(first, second));
    JsonNode json = new ObjectMapper().readTree(execution.toJson());

    assertThat(execution.tasks()).isEqualTo(2);
    assertThat(execution.resumed()).isTrue();
    assertThat(json.path("skus_checked").asLong()).isEqualTo(22);
    assertThat(json.path("differences").asLong()).isEqualTo(7);
    assertThat(json.path("corrections").asLong()).isEqualTo(2);
    assertThat(json.path("vendor_calls").asLong()).isEqualTo(8);
    assertThat(json.path("by").path("differences").path("shopify").path("DRIFT").asLong())
        .isEqualTo(3);
    assertThat(execution.toTable()).contains("shopify").contains("ebay");
    assertThat(execution.failed()).isFalse();
  }

  @Test
  void aFailureAnywhereFailsTheRun() {
    RunReport report =
        new RunReport("exec-2", 1, false, false, Map.of("failures.amazon.listings", 1L));

    assertThat(report.failed()).isTrue();
    assertThat(report.toTable()).contains("FAILURES").contains("amazon.listings");
  }
}
