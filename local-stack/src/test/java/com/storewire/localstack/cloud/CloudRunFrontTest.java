package com.storewire.localstack.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CloudRunFrontTest {

  private static final String PUSH = "pubsub-push@storewire-local.iam.gserviceaccount.com";
  private static final String CONNECTORS = "connectors@storewire-local.iam.gserviceaccount.com";
  private static final Access PUSH_ONLY = Access.invokers(List.of("serviceAccount:" + PUSH));

  private static LocalGoogle google;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final List<AutoCloseable> started = new ArrayList<>();

  @BeforeAll
  static void startGoogle() {
    google = LocalGoogle.start("storewire-local");
  }

  @AfterAll
  static void stopGoogle() {
    google.close();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : started) {
      resource.close();
    }
  }

  private FakeInstance instance(String name) throws IOException {
    FakeInstance instance = new FakeInstance(name);
    started.add(instance);
    return instance;
  }

  private CloudRunFront front(Access access, CloudRunFront.Options options, FakeInstance... fakes) {
    List<URI> instances = new ArrayList<>();
    for (FakeInstance fake : fakes) {
      instances.add(fake.uri());
    }
    CloudRunFront front = CloudRunFront.start("orders", access, instances, options, google);
    started.add(0, front);
    return front;
  }

  private CloudRunFront front(Access access, FakeInstance... fakes) {
    return front(access, CloudRunFront.Options.concurrency(80), fakes);
  }

  private static HttpRequest.Builder post(CloudRunFront front, String pathAndQuery, String body) {
    return HttpRequest.newBuilder(URI.create(front.baseUrl() + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder asPush(HttpRequest.Builder request, CloudRunFront front) {
    return request.header("Authorization", "Bearer " + google.idToken(PUSH, front.baseUrl()));
  }

  @Test
  void aCallerWithoutATokenIsForbiddenAndNeverReachesAnInstance() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);

    HttpResponse<String> answer = send(post(front, "/v1/push?x=1", "{}"));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
    assertThat(answer.body())
        .contains("<title>403 Forbidden</title>")
        .contains("Your client does not have permission to get URL <code>/v1/push</code>");
    assertThat(instance.received()).isEmpty();
    assertThat(front.stats().forbidden()).isEqualTo(1);
  }

  @Test
  void aTokenOfAnIdentityWithoutTheInvokerRoleIsForbidden() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);

    HttpResponse<String> answer =
        send(
            post(front, "/", "{}")
                .header("Authorization", "Bearer " + google.idToken(CONNECTORS, front.baseUrl())));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(instance.received()).isEmpty();
  }

  /**
   * Cloud Run answers a token it cannot accept (other audience, other signer, expired) with 401.
   */
  @Test
  void aTokenForAnotherAudienceIsUnauthorized() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);

    HttpResponse<String> answer =
        send(
            post(front, "/", "{}")
                .header("Authorization", "Bearer " + google.idToken(PUSH, "http://127.0.0.1:1")));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).contains("invalid_token"));
    assertThat(answer.body()).contains("<title>401 Unauthorized</title>");
    assertThat(instance.received()).isEmpty();
    assertThat(front.stats().unauthenticated()).isEqualTo(1);
  }

  @Test
  void aTokenFromAnotherSignerOrAnExpiredOneIsUnauthorized() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);
    String expired =
        google.mint(PUSH, front.baseUrl(), true, Instant.now().minus(Duration.ofHours(2)));
    String foreign;
    try (LocalGoogle impostor = LocalGoogle.start("storewire-local")) {
      foreign = impostor.idToken(PUSH, front.baseUrl());
    }

    for (String token : List.of(expired, foreign, "not-a-jwt")) {
      HttpResponse<String> answer =
          send(post(front, "/", "{}").header("Authorization", "Bearer " + token));
      assertThat(answer.statusCode()).isEqualTo(401);
    }
    assertThat(instance.received()).isEmpty();
  }

  @Test
  void anInvokersRequestReachesAnInstanceUnchangedAndItsAnswerComesBackUnchanged()
      throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);
    byte[] body = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(body);
    String authorization = "Bearer " + google.idToken(PUSH, front.baseUrl() + "/");

    HttpResponse<byte[]> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(front.baseUrl() + "/v1/push/stock?a=1&b=%2F"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream")
                .header("X-Goog-Channel", "one")
                .header("X-Goog-Channel", "two")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.headers().firstValue("X-Instance")).hasValue("a");
    assertThat(answer.body()).hasSize(body.length + 2);
    FakeInstance.Received received = instance.received().get(0);
    assertThat(received.method()).isEqualTo("PUT");
    assertThat(received.uri().getRawPath()).isEqualTo("/v1/push/stock");
    assertThat(received.uri().getRawQuery()).isEqualTo("a=1&b=%2F");
    assertThat(received.headers().get("Authorization")).containsExactly(authorization);
    assertThat(received.headers().get("Content-type")).containsExactly("application/octet-stream");
    assertThat(received.headers().get("X-goog-channel")).containsExactly("one", "two");
    assertThat(received.headers().get("X-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(received.body()).isEqualTo(body);
  }

  @Test
  void xServerlessAuthorizationIsCheckedInsteadOfAuthorization() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);

    HttpResponse<String> answer =
        send(
            post(front, "/", "{}")
                .header(
                    "X-Serverless-Authorization", "Bearer " + google.idToken(PUSH, front.baseUrl()))
                .header("Authorization", "Basic c2hvcDpzZWNyZXQ="));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(instance.received().get(0).headers().get("Authorization"))
        .containsExactly("Basic c2hvcDpzZWNyZXQ=");
  }

  @Test
  void aPublicServiceAdmitsEveryone() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(Access.invokers(List.of("allUsers")), instance);

    HttpResponse<String> answer = send(post(front, "/webhooks/shopify", "{\"id\":1}"));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.body()).isEqualTo("a:{\"id\":1}");
  }

  @Test
  void withEveryInstanceFullARequestWaitsForAFreeSlot() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front =
        front(
            PUSH_ONLY,
            CloudRunFront.Options.concurrency(2).withPendingTimeout(Duration.ofSeconds(30)),
            instance);
    CountDownLatch twoInFlight = instance.hold(2);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    answers.add(sendAsync(asPush(post(front, "/", "1"), front)));
    answers.add(sendAsync(asPush(post(front, "/", "2"), front)));
    assertThat(twoInFlight.await(10, TimeUnit.SECONDS)).isTrue();

    answers.add(sendAsync(asPush(post(front, "/", "3"), front)));
    assertThat(front.awaitStats(stats -> stats.queued() == 1, Duration.ofSeconds(10))).isTrue();
    assertThat(instance.received()).hasSize(2);
    instance.release(3);

    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }
    assertThat(instance.received()).hasSize(3);
    assertThat(instance.peakInFlight()).isEqualTo(2);
    CloudRunFront.Stats stats = front.stats();
    assertThat(stats.queued()).isEqualTo(1);
    assertThat(stats.throttled()).isZero();
    assertThat(stats.peakInFlight()).containsEntry(instance.uri(), 2);
  }

  @Test
  void aRequestStillWaitingAfterThePendingTimeoutGets429() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front =
        front(
            PUSH_ONLY,
            CloudRunFront.Options.concurrency(2).withPendingTimeout(Duration.ofMillis(200)),
            instance);
    CountDownLatch twoInFlight = instance.hold(2);
    CompletableFuture<HttpResponse<String>> first = sendAsync(asPush(post(front, "/", "1"), front));
    CompletableFuture<HttpResponse<String>> second =
        sendAsync(asPush(post(front, "/", "2"), front));
    assertThat(twoInFlight.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> third = send(asPush(post(front, "/", "3"), front));

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).isEqualTo("Rate exceeded.");
    assertThat(instance.received()).hasSize(2);
    instance.release(2);
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    assertThat(front.stats().throttled()).isEqualTo(1);
  }

  /**
   * Cloud Run sends a request to an instance that has room (its concurrency) before it scales out:
   * the first instance fills, the next takes only what the first cannot, and idle ones stay idle.
   */
  @Test
  void requestsFillAnInstanceBeforeTheNextTakesAny() throws Exception {
    FakeInstance a = instance("a");
    FakeInstance b = instance("b");
    FakeInstance c = instance("c");
    CloudRunFront front = front(PUSH_ONLY, CloudRunFront.Options.concurrency(2), a, b, c);
    CountDownLatch aFull = a.hold(2);
    CountDownLatch bTakesOne = b.hold(1);

    List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      concurrent.add(sendAsync(asPush(post(front, "/", "c" + i), front)));
    }
    assertThat(aFull.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bTakesOne.await(10, TimeUnit.SECONDS)).isTrue();
    a.release(100);
    b.release(100);
    for (CompletableFuture<HttpResponse<String>> answer : concurrent) {
      assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }
    // One after another, each finding the first instance with room.
    for (int i = 0; i < 6; i++) {
      assertThat(send(asPush(post(front, "/", "s" + i), front)).statusCode()).isEqualTo(201);
    }

    assertThat(front.stats().forwarded())
        .containsEntry(a.uri(), 8L)
        .containsEntry(b.uri(), 1L)
        .containsEntry(c.uri(), 0L);
  }

  @Test
  void aRequestArrivingBeforeAnyInstanceWaitsForTheFirst() throws Exception {
    CloudRunFront front = front(PUSH_ONLY);
    CompletableFuture<HttpResponse<String>> answer =
        sendAsync(asPush(post(front, "/", "cold"), front));
    assertThat(front.awaitStats(stats -> stats.queued() == 1, Duration.ofSeconds(10))).isTrue();

    FakeInstance instance = instance("a");
    front.route(List.of(instance.uri()));

    assertThat(answer.get(10, TimeUnit.SECONDS).body()).isEqualTo("a:cold");
  }

  @Test
  void aRequestWhoseConnectionClosedWithoutAByteOfAnswerIsSentAgain() throws Exception {
    FakeInstance instance = instance("a");
    CloudRunFront front = front(PUSH_ONLY, instance);
    instance.dropNext(1);

    HttpResponse<String> answer = send(asPush(post(front, "/", "again"), front));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(instance.received()).hasSize(2);
    assertThat(front.stats().forwarded()).containsEntry(instance.uri(), 1L);
  }

  @Test
  void anInstanceThatIsGoneGives503() throws Exception {
    FakeInstance instance = instance("a");
    URI gone = instance.uri();
    instance.close();
    CloudRunFront front = CloudRunFront.start("orders", PUSH_ONLY, List.of(gone), 1, google);
    started.add(front);

    HttpResponse<String> answer = send(asPush(post(front, "/", "{}"), front));

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(front.stats().failed()).isEqualTo(1);
  }
}
