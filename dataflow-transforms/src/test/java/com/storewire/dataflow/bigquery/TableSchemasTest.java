package com.storewire.dataflow.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.storewire.catalog.BigQueryField;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.TableSpec;
import com.storewire.events.EventType;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.junit.jupiter.api.Test;

/** The tables the pipeline creates are the catalog's, column for column, and nothing else. */
class TableSchemasTest {

  @Test
  void everyTableSchemaMatchesTheCatalog() {
    for (TableSpec spec : Catalog.storewire().tables()) {
      assertSameColumns(spec.table(), spec.schema(), TableSchemas.of(spec.schema()).getFields());
    }
  }

  @Test
  void destinationsArePartitionedAndClusteredAsTheCatalogSays() {
    EventTableDestinations destinations = new EventTableDestinations("p", "d");
    for (EventType type : EventType.values()) {
      TableSpec spec = Catalog.storewire().tableFor(type);
      TableDestination destination = destinations.getTable(spec.table());
      assertThat(destination.getTableSpec()).isEqualTo("p:d." + spec.table());
      assertThat(destination.getTimePartitioning().getField()).isEqualTo(spec.partitionField());
      assertThat(destination.getTimePartitioning().getType()).isEqualTo(spec.partitionType());
      assertThat(destination.getClustering().getFields()).isEqualTo(spec.clustering());
      assertThat(destinations.getSchema(spec.table())).isEqualTo(TableSchemas.of(spec.schema()));
    }
  }

  private static void assertSameColumns(
      String path, List<BigQueryField> catalog, List<TableFieldSchema> generated) {
    assertThat(generated).as(path).hasSameSizeAs(catalog);
    for (int i = 0; i < catalog.size(); i++) {
      BigQueryField expected = catalog.get(i);
      TableFieldSchema actual = generated.get(i);
      String column = path + "." + expected.name();
      assertThat(actual.getName()).as(column).isEqualTo(expected.name());
      assertThat(actual.getType()).as(column).isEqualTo(expected.type());
      assertThat(actual.getMode()).as(column).isEqualTo(expected.mode());
      if (expected.fields().isEmpty()) {
        assertThat(actual.getFields()).as(column).isNull();
      } else {
        assertSameColumns(column, expected.fields(), actual.getFields());
      }
    }
  }
}
