package com.storewire.dataflow.forecast.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.EventRouting;
import com.storewire.dataflow.forecast.stock.LeadTime;
import com.storewire.dataflow.forecast.stock.ServiceLevelPolicy;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.codec.EventJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The daily batch that forecasts demand and sets every SKU's safety stock: reads the order history,
 * and writes SafetyStockUpdated events, the {@value ForecastTable#NAME} rows and unreadable lines
 * as JSON-lines files. In production it also writes the rows to BigQuery ({@code --forecastTable})
 * and publishes the events to the catalog's {@code safety-stock} topic ({@code --pubsubProject});
 * leave both unset to write files only.
 */
public final class ForecastSafetyStock {

  static final String SAFETY_STOCK_TOPIC =
      Catalog.storewire().topicFor(EventType.SAFETY_STOCK_UPDATED).name();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a run reads, where it writes, and the inventory policy it plans to. */
  public interface Options extends PipelineOptions {
    @Description(
        "History files, JSON lines of {sku, channel, date, units, unit_price}: a path or glob,"
            + " e.g. gs://bucket/history/*.jsonl")
    @Validation.Required
    String getHistory();

    void setHistory(String value);

    @Description("File for the SafetyStockUpdated events, one JSON event per line")
    @Validation.Required
    String getEventsOutput();

    void setEventsOutput(String value);

    @Description("File for the demand_forecasts rows, one JSON row per line as BigQuery gets it")
    @Validation.Required
    String getForecastsOutput();

    void setForecastsOutput(String value);

    @Description("File for history lines that could not be read, each with the reason")
    @Validation.Required
    String getFailuresOutput();

    void setFailuresOutput(String value);

    @Description(
        "BigQuery table for the forecast rows, project:dataset.demand_forecasts; unset: none")
    String getForecastTable();

    void setForecastTable(String value);

    @Description("GCP project whose safety-stock topic gets the events; unset: files only")
    String getPubsubProject();

    void setPubsubProject(String value);

    @Description("Share of revenue earned by A SKUs, the top sellers")
    @Default.Double(0.80)
    double getClassARevenueShare();

    void setClassARevenueShare(double value);

    @Description("Share of revenue earned by B SKUs, the next after A; the rest are C")
    @Default.Double(0.15)
    double getClassBRevenueShare();

    void setClassBRevenueShare(double value);

    @Description("Target cycle service level of A SKUs")
    @Default.Double(0.98)
    double getServiceLevelA();

    void setServiceLevelA(double value);

    @Description("Target cycle service level of B SKUs")
    @Default.Double(0.95)
    double getServiceLevelB();

    void setServiceLevelB(double value);

    @Description("Target cycle service level of C SKUs")
    @Default.Double(0.90)
    double getServiceLevelC();

    void setServiceLevelC(double value);

    @Description("Mean replenishment lead time in days")
    @Default.Double(7)
    double getLeadTimeMeanDays();

    void setLeadTimeMeanDays(double value);

    @Description("Standard deviation of the replenishment lead time in days")
    @Default.Double(2)
    double getLeadTimeStdDevDays();

    void setLeadTimeStdDevDays(double value);

    @Description("Days to forecast after the last day of history")
    @Default.Integer(28)
    int getHorizonDays();

    void setHorizonDays(int value);
  }

  private ForecastSafetyStock() {}

  /**
   * The Flex Template's launcher. It does not wait for the job: on Dataflow the template launcher
   * only submits it (a Flex Template's main must not call {@code waitUntilFinish}; with a template
   * location the result cannot even be waited on), while the DirectRunner's {@code run} already
   * blocks until the batch is done ({@code --blockOnRun}, true by default), so a local run exits
   * when its files are written, and with a failure when the pipeline failed.
   */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    run(options);
  }

  public static PipelineResult run(Options options) {
    return build(options).run();
  }

  static Pipeline build(Options options) {
    ServiceLevelPolicy policy =
        new ServiceLevelPolicy(
            options.getClassARevenueShare(),
            options.getClassBRevenueShare(),
            options.getServiceLevelA(),
            options.getServiceLevelB(),
            options.getServiceLevelC());
    LeadTime leadTime =
        new LeadTime(options.getLeadTimeMeanDays(), options.getLeadTimeStdDevDays());
    if (options.getHorizonDays() < 1) {
      throw new IllegalArgumentException("--horizonDays must be at least 1");
    }
    Pipeline pipeline = Pipeline.create(options);
    PCollectionTuple plan =
        pipeline
            .apply("ReadHistory", TextIO.read().from(options.getHistory()))
            .apply(
                "PlanSafetyStock",
                new PlanSafetyStock(policy, leadTime, options.getHorizonDays(), Instant.now()));

    PCollection<String> events = plan.get(PlanSafetyStock.EVENTS);
    events.apply("WriteEventFile", jsonLinesFile(options.getEventsOutput()));
    PCollection<ForecastRow> rows = plan.get(PlanSafetyStock.FORECAST_ROWS);
    rows.apply(
            "FormatForecastRows",
            MapElements.into(TypeDescriptors.strings()).via(ForecastTable::toJson))
        .apply("WriteForecastFile", jsonLinesFile(options.getForecastsOutput()));
    plan.get(PlanSafetyStock.FAILURES)
        .apply(
            "FormatFailures",
            MapElements.into(TypeDescriptors.strings()).via(ForecastSafetyStock::failureJson))
        .apply("WriteFailureFile", jsonLinesFile(options.getFailuresOutput()));

    if (options.getForecastTable() != null) {
      rows.apply("WriteForecastTable", writeForecastTable(options.getForecastTable()));
    }
    if (options.getPubsubProject() != null) {
      String topic = "projects/" + options.getPubsubProject() + "/topics/" + SAFETY_STOCK_TOPIC;
      events
          .apply(
              "ToPubsubMessages",
              MapElements.into(TypeDescriptor.of(PubsubMessage.class))
                  .via(ForecastSafetyStock::pubsubMessage))
          .apply("PublishSafetyStock", PubsubIO.writeMessages().withOrderingKey().to(topic));
    }
    return pipeline;
  }

  /**
   * The catalog's attributes and ordering key (the SKU), as every Storewire publisher sets them.
   */
  static PubsubMessage pubsubMessage(String eventJson) {
    Event event = EventJson.decode(eventJson);
    EventRouting routing = new EventRouting(Catalog.storewire());
    return new PubsubMessage(
        eventJson.getBytes(StandardCharsets.UTF_8),
        EventRouting.attributes(event),
        null,
        routing.orderingKey(event));
  }

  static String failureJson(FailedRecord failure) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("payload", failure.payload());
    json.put("error_message", failure.errorMessage());
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends rows to the catalog's forecasts table, which terraform creates; the load jobs carry the
   * catalog's schema ({@link ForecastTable#schema()}) and never create the table.
   */
  static BigQueryIO.Write<ForecastRow> writeForecastTable(String table) {
    return BigQueryIO.<ForecastRow>write()
        .to(table)
        .withSchema(ForecastTable.schema())
        .withFormatFunction(ForecastTable::toTableRow)
        // A daily batch: load jobs are free and atomic per run.
        .withMethod(BigQueryIO.Write.Method.FILE_LOADS)
        .withCreateDisposition(BigQueryIO.Write.CreateDisposition.CREATE_NEVER)
        .withWriteDisposition(BigQueryIO.Write.WriteDisposition.WRITE_APPEND);
  }

  /** One file at exactly {@code path}, so a caller finds it where it asked. */
  private static TextIO.Write jsonLinesFile(String path) {
    return TextIO.write().to(path).withoutSharding();
  }
}
