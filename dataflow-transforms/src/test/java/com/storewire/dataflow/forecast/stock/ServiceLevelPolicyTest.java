package com.storewire.dataflow.forecast.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLevelPolicyTest {

  private final ServiceLevelPolicy policy = ServiceLevelPolicy.standard();

  @Test
  void classesByCumulativeRevenueShare() {
    // Revenue 100 in all. Before each SKU: X 0 %, Y 50 %, Z 80 %, W 90 %, V 96 %, U 99 %.
    Map<String, AbcClass> classes =
        policy.classify(
            Map.of("X", 50.0, "Y", 30.0, "Z", 10.0, "W", 6.0, "V", 3.0, "U", 1.0, "NONE", 0.0));

    assertThat(classes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "X", AbcClass.A,
                "Y", AbcClass.A,
                "Z", AbcClass.B,
                "W", AbcClass.B,
                "V", AbcClass.C,
                "U", AbcClass.C,
                "NONE", AbcClass.C));
  }

  @Test
  void theTopSellerIsAlwaysA() {
    assertThat(policy.classify(Map.of("ONLY", 5.0))).containsEntry("ONLY", AbcClass.A);
  }

  @Test
  void eachClassHasItsServiceLevel() {
    assertThat(policy.serviceLevel(AbcClass.A)).isEqualTo(0.98);
    assertThat(policy.serviceLevel(AbcClass.B)).isEqualTo(0.95);
    assertThat(policy.serviceLevel(AbcClass.C)).isEqualTo(0.90);
  }
}
