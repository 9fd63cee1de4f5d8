package com.storewire.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Flex Template, started as Dataflow's template launcher starts it: its main class (from
 * main-classes.properties, which Cloud Build sets as FLEX_TEMPLATE_JAVA_MAIN_CLASS) in a JVM whose
 * classpath is the template jar and nothing else, with its template parameters and {@code
 * --runner=DataflowRunner} plus the launch environment's options. DataflowRunner must be found in
 * the jar, the pipeline's own options must validate beside DataflowPipelineOptions, and the whole
 * pipeline must translate into the Dataflow job it would submit: {@code --templateLocation} makes
 * DataflowRunner write that job to a local file instead of submitting it, and staging goes to a
 * local directory, so nothing reaches Google (no credentials, no network; BigQueryIO's dataset
 * check goes to a loopback stand-in).
 */
class FlexTemplateJarIT {

  private static final Path JAR = Path.of("target/dataflow-transforms-flex-template.jar");
  private static final Path TEMPLATES = Path.of("src/main/flex-templates");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "gs://storewire-dev-storewire-artifacts";

  /** What each launch gives its template: values of the shape terraform gives in production. */
  private static final Map<String, Map<String, String>> PARAMETERS =
      Map.of(
          "forecast-safety-stock",
          Map.of(
              "eventsOutput",
              BUCKET + "/forecast/out/safety-stock.jsonl",
              "forecastsOutput",
              BUCKET + "/forecast/out/forecasts.jsonl",
              "failuresOutput",
              BUCKET + "/forecast/out/failures.jsonl",
              "forecastTable",
              "storewire-dev:storewire.demand_forecasts",
              "pubsubProject",
              "storewire-dev",
              "horizonDays",
              "14"),
          "normalise-vendor-events",
          Map.of("dataset", "storewire"),
          "stream-events-to-bigquery",
          Map.of("dataset", "storewire"));

  /** Transforms each pipeline applies at its top level, which its Dataflow job must carry. */
  private static final Map<String, Set<String>> TRANSFORMS =
      Map.of(
          "forecast-safety-stock",
          Set.of(
              "ReadHistory",
              "PlanSafetyStock",
              "WriteEventFile",
              "WriteForecastFile",
              "WriteFailureFile",
              "WriteForecastTable",
              "PublishSafetyStock"),
          "normalise-vendor-events",
          Set.of(
              "ReadRawVendorPayloads",
              "NormaliseVendorPayloads",
              "PublishCanonicalEvents",
              "WriteFailures"),
          "stream-events-to-bigquery",
          Set.of("MergeTopics", "DecodeEvents", "WriteEventsToTables", "WriteFailures"));

  @TempDir static Path work;
  private static HttpServer bigQuery;
  private static final List<String> bigQueryRequests = new CopyOnWriteArrayList<>();

  /**
   * Answers BigQueryIO's checks that the dataset and (the pipelines write CREATE_NEVER) the table
   * exist, as BigQuery would for what terraform created, and notes the calls.
   */
  @BeforeAll
  static void startBigQueryStandIn() throws IOException {
    bigQuery = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    bigQuery.createContext(
        "/",
        exchange -> {
          bigQueryRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          String[] path = exchange.getRequestURI().getPath().split("/");
          boolean get = exchange.getRequestMethod().equals("GET");
          boolean datasetGet = get && path.length == 7 && path[5].equals("datasets");
          boolean tableGet =
              get && path.length == 9 && path[5].equals("datasets") && path[7].equals("tables");
          byte[] body =
              (datasetGet
                      ? "{\"kind\":\"bigquery#dataset\",\"datasetReference\":{\"projectId\":\""
                          + path[4]
                          + "\",\"datasetId\":\""
                          + path[6]
                          + "\"},\"location\":\"EU\"}"
                      : tableGet
                          ? "{\"kind\":\"bigquery#table\",\"tableReference\":{\"projectId\":\""
                              + path[4]
                              + "\",\"datasetId\":\""
                              + path[6]
                              + "\",\"tableId\":\""
                              + path[8]
                              + "\"},\"location\":\"EU\"}"
                          : "{\"error\":{\"code\":501,\"message\":\"not served offline\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          boolean served = datasetGet || tableGet;
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(served ? 200 : 501, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    bigQuery.start();
  }

  @AfterAll
  static void stopBigQueryStandIn() {
    bigQuery.stop(0);
  }

  static Stream<String> templates() throws IOException {
    return mainClasses().stringPropertyNames().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void theTemplateJarAloneBuildsTheDataflowJobItsLauncherWouldSubmit(String template)
      throws Exception {
    String mainClass = mainClasses().getProperty(template);
    JsonNode metadata = JSON.readTree(TEMPLATES.resolve(template + ".json").toFile());
    boolean streaming = metadata.path("streaming").asBoolean(false);
    Path history = Files.createDirectories(work.resolve(template + "-history"));
    Files.writeString(
        history.resolve("orders.jsonl"),
        "{\"sku\":\"TEE-1\",\"channel\":\"shopify\",\"date\":\"2026-11-01\",\"units\":3,"
            + "\"unit_price\":9.5}\n");
    Path job = work.resolve(template + "-job.json");
    Path log = work.resolve(template + ".log");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Anything that tries the internet meets a closed loopback port at once instead.
    int closed = closedPort();
    for (String scheme : List.of("http", "https")) {
      command.add("-D" + scheme + ".proxyHost=127.0.0.1");
      command.add("-D" + scheme + ".proxyPort=" + closed);
    }
    command.add("-Dhttp.nonProxyHosts=127.0.0.1|localhost");
    command.addAll(List.of("-cp", JAR.toAbsolutePath().toString(), mainClass));
    // The template's parameters, as the launcher passes them...
    Map<String, String> parameters = new java.util.TreeMap<>(PARAMETERS.get(template));
    if (template.equals("forecast-safety-stock")) {
      // A local glob: on Dataflow the launcher sizes the gs:// input, which needs GCS.
      parameters.put("history", history.toAbsolutePath() + "/*.jsonl");
    }
    parameters.forEach((name, value) -> command.add("--" + name + "=" + value));
    // ...and the launch environment's options (terraform's), with DataflowRunner.
    command.addAll(
        List.of(
            "--runner=DataflowRunner",
            "--project=storewire-dev",
            "--region=europe-west1",
            "--jobName=" + template,
            "--tempLocation=" + BUCKET + "/dataflow/temp",
            "--gcpTempLocation=" + BUCKET + "/dataflow/temp"));
    if (streaming) {
      command.add("--enableStreamingEngine=true");
    }
    // Offline: the job to a file, staging to a directory, no credentials, no bucket checks.
    command.addAll(
        List.of(
            "--templateLocation=" + job.toAbsolutePath(),
            "--stagingLocation=" + work.resolve("staging").toAbsolutePath(),
            "--credentialFactoryClass="
                + "org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
            "--pathValidatorClass=org.apache.beam.sdk.extensions.gcp.storage.NoopPathValidator",
            "--bigQueryEndpoint=http://127.0.0.1:" + bigQuery.getAddress().getPort()));

    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Nothing from this test's classpath or JVM settings reaches the child.
    List.of("CLASSPATH", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")
        .forEach(builder.environment()::remove);
    Process launcher = builder.start();
    boolean exited = launcher.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      launcher.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertThat(exited)
        .as("%s still running after 3 minutes (did it try to reach Google?):%n%s", template, output)
        .isTrue();
    assertThat(launcher.exitValue()).as("%s exited:%n%s", template, output).isZero();

    JsonNode dataflowJob = JSON.readTree(job.toFile());
    assertThat(dataflowJob.path("type").asText())
        .as("job type of %s", template)
        .isEqualTo(streaming ? "JOB_TYPE_STREAMING" : "JOB_TYPE_BATCH");
    JsonNode options = dataflowJob.path("environment").path("sdkPipelineOptions").path("options");
    assertThat(options.path("runner").asText())
        .isEqualTo("org.apache.beam.runners.dataflow.DataflowRunner");
    parameters.forEach(
        (name, value) ->
            assertThat(options.path(name).asText()).as("option %s", name).isEqualTo(value));
    JsonNode packages =
        dataflowJob.path("environment").path("workerPools").path(0).path("packages");
    assertThat(packages).as("what the workers get").hasSize(1);
    assertThat(packages.path(0).path("name").asText())
        .as("the template jar, alone")
        .startsWith("dataflow-transforms-flex-template-");
    Set<String> transforms = new TreeSet<>();
    dataflowJob
        .path("steps")
        .forEach(
            step -> {
              JsonNode name = step.path("properties").path("user_name");
              String userName = name.isObject() ? name.path("value").asText() : name.asText();
              transforms.add(userName.split("/")[0]);
            });
    assertThat(transforms)
        .as("top-level transforms of %s", template)
        .containsAll(TRANSFORMS.get(template));
    assertThat(bigQueryRequests)
        .as("BigQuery was asked only whether a dataset or table exists")
        .allMatch(
            request -> request.startsWith("GET /bigquery/v2/projects/storewire-dev/datasets/"));
  }

  private static Properties mainClasses() throws IOException {
    Properties mainClasses = new Properties();
    try (var in = Files.newBufferedReader(TEMPLATES.resolve("main-classes.properties"))) {
      mainClasses.load(in);
    }
    return mainClasses;
  }

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
