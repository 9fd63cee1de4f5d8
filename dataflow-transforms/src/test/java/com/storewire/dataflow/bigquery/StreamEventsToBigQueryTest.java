package com.storewire.dataflow.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.TopicSpec;
import com.storewire.dataflow.events.PipelineWiring;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The streaming job reads every catalog topic through its bigquery subscription. */
class StreamEventsToBigQueryTest {

  @Test
  void readsEveryTopicOfTheCatalog() {
    StreamEventsToBigQuery.Options options =
        PipelineOptionsFactory.fromArgs("--project=storewire-test", "--dataset=analytics")
            .as(StreamEventsToBigQuery.Options.class);

    List<String> steps = PipelineWiring.topLevelSteps(StreamEventsToBigQuery.pipeline(options));

    for (TopicSpec topic : Catalog.storewire().topics()) {
      assertThat(steps).contains("Read " + topic.name() + "--bigquery");
    }
    assertThat(steps)
        .endsWith(
            "MergeTopics",
            "DecodeEvents",
            "WriteEventsToTables",
            "CollectFailures",
            "WriteFailures");
  }
}
