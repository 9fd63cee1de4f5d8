package com.storewire.dataflow.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.dataflow.forecast.stock.AbcClass;
import com.storewire.dataflow.forecast.stock.LeadTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class ForecastSafetyStockTest {

  @Test
  void publishesToTheCatalogsTopicKeyedBySkuWithCloudEventAttributes() {
    SkuSafetyStock plan =
        new SkuSafetyStock("TEE-BLK-M", AbcClass.A, 0.98, 21, 56, 5, 0, 20_362, 20_404, List.of());
    String json =
        new SafetyStockEvents(new LeadTime(7, 2), Instant.parse("2026-11-12T06:00:00Z"))
            .encode(plan);

    PubsubMessage message = ForecastSafetyStock.pubsubMessage(json);

    assertThat(ForecastSafetyStock.SAFETY_STOCK_TOPIC).isEqualTo("safety-stock");
    assertThat(message.getOrderingKey()).isEqualTo("TEE-BLK-M");
    assertThat(message.getAttributeMap())
        .containsEntry("ce-type", "com.storewire.stock.safety_stock_updated")
        .containsEntry("ce-subject", "TEE-BLK-M");
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void refusesAnEmptyHorizon() {
    ForecastSafetyStock.Options options =
        PipelineOptionsFactory.fromArgs(
                "--history=h/*.jsonl",
                "--eventsOutput=e.jsonl",
                "--forecastsOutput=f.jsonl",
                "--failuresOutput=x.jsonl",
                "--horizonDays=0")
            .withValidation()
            .as(ForecastSafetyStock.Options.class);

    assertThatThrownBy(() -> ForecastSafetyStock.build(options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--horizonDays");
  }
}
