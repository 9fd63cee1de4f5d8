package com.storewire.dataflow.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.catalog.EventTables;
import com.storewire.dataflow.events.PipelineWiring;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The streaming job reads the catalog's normaliser subscription, publishes and keeps failures. */
class NormaliseVendorEventsTest {

  @Test
  void readsTheCatalogSubscriptionAndWritesEveryFailure() {
    NormaliseVendorEvents.Options options =
        PipelineOptionsFactory.fromArgs("--project=storewire-test")
            .as(NormaliseVendorEvents.Options.class);

    assertThat(options.getDataset()).isEqualTo(EventTables.DATASET);
    assertThat(PipelineWiring.topLevelSteps(NormaliseVendorEvents.pipeline(options)))
        .containsExactly(
            "ReadRawVendorPayloads",
            "DecodeRawPayloadEvents",
            "NormaliseVendorPayloads",
            "KeepWhatThePipelinePublishes",
            "PublishCanonicalEvents",
            "CollectFailures",
            "WriteFailures");
  }

  @Test
  void refusesToStartWithoutAProject() {
    NormaliseVendorEvents.Options options =
        PipelineOptionsFactory.create().as(NormaliseVendorEvents.Options.class);
    options.setProject("");

    assertThatThrownBy(() -> NormaliseVendorEvents.pipeline(options))
        .hasMessageContaining("--project");
  }
}
