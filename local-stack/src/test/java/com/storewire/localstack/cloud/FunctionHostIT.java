package com.storewire.localstack.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.localstack.LocalServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function host as the local stack starts it, from the packaged jars: a function's instances in
 * one JVM, each with its own state, behind a front that spreads requests over them.
 */
class FunctionHostIT {

  private static final String PUSH = "pubsub-push@storewire-local.iam.gserviceaccount.com";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static Path logs() throws Exception {
    return Files.createDirectories(
        LocalServices.home().resolve("local-stack/target/function-host-it"));
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachInstanceKeepsItsOwnStaticStateBehindOneFront() throws Exception {
    String testClasses =
        Path.of(CountingFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    try (LocalGoogle google = LocalGoogle.start("storewire-local");
        FunctionHostProcess host =
            FunctionHostProcess.start(
                "counting", CountingFunction.class.getName(), 2, testClasses, Map.of(), logs());
        CloudRunFront front =
            CloudRunFront.start(
                "counting",
                Access.invokers(List.of("serviceAccount:" + PUSH)),
                host.instances(),
                1,
                google)) {
      String token = google.idToken(PUSH, front.baseUrl());
      // Each instance answers on its own port: three calls to each, straight to the instance.
      List<String> answers = new ArrayList<>();
      for (URI instance : host.instances()) {
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> answer = get(instance.toString(), null);
          assertThat(answer.statusCode()).isEqualTo(200);
          answers.add(answer.body());
        }
      }

      assertThat(host.instances()).hasSize(2).doesNotHaveDuplicates();
      // One static counter per instance: each counts its own three calls.
      assertThat(answers)
          .containsExactlyInAnyOrder(
              "function-instance-0 1",
              "function-instance-0 2",
              "function-instance-0 3",
              "function-instance-1 1",
              "function-instance-1 2",
              "function-instance-1 3");
      // Through the front, a request with room on the first instance goes there, as on Cloud Run.
      HttpResponse<String> fronted = get(front.baseUrl() + "/", token);
      assertThat(fronted.statusCode()).isEqualTo(200);
      assertThat(fronted.body()).isEqualTo("function-instance-0 4");
      assertThat(get(front.baseUrl() + "/", null).statusCode()).isEqualTo(403);
    }
  }

  /**
   * The deployed archive of the connector functions, twice in one JVM: every instance loads the
   * function's own libraries (gRPC, Pub/Sub, logging) in its own class loader and serves.
   */
  @Test
  void theConnectorFunctionsArchiveRunsAsSeveralInstancesInOneJvm() throws Exception {
    Path archive =
        LocalServices.home()
            .resolve("connector-functions/target/cloud-function/connector-functions.jar");
    Map<String, String> env =
        Map.of(
            "GOOGLE_CLOUD_PROJECT", "storewire-local",
            "PUBSUB_EMULATOR_HOST", "127.0.0.1:1",
            "STOREWIRE_WEBHOOK_TOKEN", "local-webhook-token");
    try (FunctionHostProcess host =
        FunctionHostProcess.start(
            "webhooks",
            "com.storewire.connectors.webhooks.VendorWebhookFunction",
            2,
            archive.toString(),
            env,
            logs())) {
      for (URI instance : host.instances()) {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(instance + "/shipstation/SHIP_NOTIFY?token=wrong"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
      }
    }
  }
}
