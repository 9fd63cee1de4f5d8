package com.storewire.dataflow.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zetasql.Type;
import com.google.zetasql.Value;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedExportDataStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedLiteral;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOption;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.storewire.dataflow.forecast.pipeline.DemandRecord;
import com.storewire.dataflow.forecast.pipeline.FailedRecord;
import com.storewire.dataflow.forecast.pipeline.ParseDemandRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

/**
 * The daily export that fills the forecast's history analyses with BigQuery's dialect against the
 * catalog tables, and writes lines the forecast reads: a line made of the statement's own output
 * columns, each value written as a BigQuery JSON export writes its type, parses into the {@link
 * DemandRecord} those values say, and without any one of its columns it is refused. So renaming or
 * retyping a column on either side fails here, and no column goes unread.
 */
public class ForecastHistoryExportTest {

  private static final Path EXPORT = Path.of("src/main/resources/sql/exports/forecast_history.sql");
  private static final String HISTORY_URI =
      "gs://storewire-test-artifacts/forecast/history/*.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate SAMPLE_DAY = LocalDate.parse("2026-11-30");

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void writesJsonLinesToTheHistoryUriItIsGiven() throws IOException {
    Map<String, Value> options = new LinkedHashMap<>();
    for (ResolvedOption option : export().getOptionList()) {
      options.put(option.getName(), ((ResolvedLiteral) option.getValue()).getValue());
    }

    assertThat(options.get("uri").getStringValue()).isEqualTo(HISTORY_URI);
    assertThat(options.get("format").getStringValue()).isEqualTo("JSON");
    // The forecast reads every file under the URI: yesterday's must not stay beside today's.
    assertThat(options.get("overwrite").getBoolValue()).isTrue();
  }

  @Test
  public void everyOutputColumnIsAFieldTheForecastRequires() throws IOException {
    List<ResolvedOutputColumn> columns = export().getOutputColumnList();
    Map<String, Object> sample = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      sample.put(columns.get(i).getName(), sampleValue(columns.get(i), i));
    }
    String line = jsonLine(columns, sample, null);
    List<String> linesMissingAColumn = new ArrayList<>();
    for (ResolvedOutputColumn missing : columns) {
      linesMissingAColumn.add(jsonLine(columns, sample, missing.getName()));
    }
    List<String> input = new ArrayList<>(linesMissingAColumn);
    input.add(line);

    PCollectionTuple parsed =
        pipeline.apply(Create.of(input)).apply("ParseHistory", new ParseDemandRecords());

    PAssert.that(parsed.get(ParseDemandRecords.RECORDS))
        .containsInAnyOrder(
            new DemandRecord(
                (String) sample.get("sku"),
                (String) sample.get("channel"),
                ((LocalDate) sample.get("date")).toEpochDay(),
                ((Number) sample.get("units")).longValue(),
                ((Number) sample.get("unit_price")).doubleValue()));
    PAssert.that(parsed.get(ParseDemandRecords.FAILURES))
        .satisfies(
            failures -> {
              assertThat(StreamSupport.stream(failures.spliterator(), false))
                  .extracting(FailedRecord::payload)
                  .containsExactlyInAnyOrderElementsOf(linesMissingAColumn);
              return null;
            });
    pipeline.run();
  }

  /** The analysed statement; analysing it fails on any unknown table, column or type error. */
  private static ResolvedExportDataStmt export() throws IOException {
    String sql =
        StorewireTables.resolve(Files.readString(EXPORT, StandardCharsets.UTF_8))
            .replace("${history_uri}", HISTORY_URI);
    List<ResolvedStatement> statements = StorewireTables.analyse(sql);
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0)).isInstanceOf(ResolvedExportDataStmt.class);
    return (ResolvedExportDataStmt) statements.get(0);
  }

  /**
   * A value of the column's type, distinct per column so that two swapped columns show: a string is
   * the column's own name (a valid SKU and channel id), a number its position as a whole number.
   */
  private static Object sampleValue(ResolvedOutputColumn column, int position) {
    Type type = column.getColumn().getType();
    return switch (type.getKind()) {
      case TYPE_STRING -> column.getName();
      case TYPE_DATE -> SAMPLE_DAY.plusDays(position);
      case TYPE_DOUBLE -> (double) position + 1;
      case TYPE_INT64 -> (long) position + 1;
      default ->
          throw new AssertionError(
              "column " + column.getName() + ": no JSON export format known for " + type);
    };
  }

  /**
   * One line as BigQuery's JSON export writes it: a DATE as {@code "YYYY-MM-DD"}, an INT64 as a
   * string (to keep its 64 bits), a FLOAT64 as a number; {@code leftOut} is omitted.
   */
  private static String jsonLine(
      List<ResolvedOutputColumn> columns, Map<String, Object> sample, String leftOut) {
    ObjectNode line = JSON.createObjectNode();
    for (ResolvedOutputColumn column : columns) {
      String name = column.getName();
      if (name.equals(leftOut)) {
        continue;
      }
      Object value = sample.get(name);
      if (value instanceof Double number) {
        line.put(name, number);
      } else {
        line.put(name, value.toString());
      }
    }
    return line.toString();
  }
}
