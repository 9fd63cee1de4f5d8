package com.storewire.localstack.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.auth.oauth2.TokenVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalGoogleTest {

  private static final String PUSH = "pubsub-push@storewire-local.iam.gserviceaccount.com";
  private static final String JOB = "reconciliation@storewire-local.iam.gserviceaccount.com";
  private static final String SERVICE_URL = "http://127.0.0.1:8123";

  private static LocalGoogle google;

  @BeforeAll
  static void start() {
    google = LocalGoogle.start("storewire-local");
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  private static TokenVerifier verifier(String audience) {
    return TokenVerifier.newBuilder()
        .setCertificatesLocation(google.certsUrl())
        .setAudience(audience)
        .setIssuer(LocalGoogle.ISSUER)
        .build();
  }

  @Test
  void googleAuthsTokenVerifierAcceptsItsTokensFromTheCertsUrl() throws Exception {
    String token = google.idToken(PUSH, SERVICE_URL);

    JsonWebToken.Payload claims = verifier(SERVICE_URL).verify(token).getPayload();

    assertThat(claims.get("email")).isEqualTo(PUSH);
    assertThat(claims.get("email_verified")).isEqualTo(true);
    assertThat(claims.getSubject()).matches("\\d{21}");
    assertThat(claims.get("azp")).isEqualTo(claims.getSubject());
    assertThat(claims.getExpirationTimeSeconds() - claims.getIssuedAtTimeSeconds()).isEqualTo(3600);
    assertThat(google.verify(token).email()).isEqualTo(PUSH);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String token = google.idToken(PUSH, "http://127.0.0.1:9999");

    assertThatThrownBy(() -> verifier(SERVICE_URL).verify(token))
        .isInstanceOf(TokenVerifier.VerificationException.class)
        .hasMessageContaining("audience");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    try (LocalGoogle impostor = LocalGoogle.start("storewire-local")) {
      String token = impostor.idToken(PUSH, SERVICE_URL);

      assertThatThrownBy(() -> verifier(SERVICE_URL).verify(token))
          .isInstanceOf(TokenVerifier.VerificationException.class);
      assertThatThrownBy(() -> google.verify(token)).isInstanceOf(LocalGoogle.InvalidToken.class);
    }
  }

  @Test
  void aTokenWhoseClaimsWereChangedIsRefused() {
    String[] parts = google.idToken(PUSH, SERVICE_URL).split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.replace(PUSH, JOB).getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThatThrownBy(() -> verifier(SERVICE_URL).verify(forged))
        .isInstanceOf(TokenVerifier.VerificationException.class)
        .hasMessageContaining("signature");
    assertThatThrownBy(() -> google.verify(forged)).isInstanceOf(LocalGoogle.InvalidToken.class);
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = google.mint(PUSH, SERVICE_URL, true, Instant.now().minus(Duration.ofHours(2)));

    assertThatThrownBy(() -> google.verify(token)).isInstanceOf(LocalGoogle.InvalidToken.class);
    assertThatThrownBy(() -> verifier(SERVICE_URL).verify(token))
        .isInstanceOf(TokenVerifier.VerificationException.class);
  }

  @Test
  void theSameTokenIsHandedOutWhileItHoldsAndEachAudienceGetsItsOwn() {
    assertThat(google.idToken(PUSH, SERVICE_URL)).isEqualTo(google.idToken(PUSH, SERVICE_URL));
    assertThat(google.idToken(PUSH, SERVICE_URL))
        .isNotEqualTo(google.idToken(PUSH, SERVICE_URL + "/other"));
  }

  @Test
  void theMetadataServerAnswersOnlyRequestsThatSayMetadataFlavorGoogle() throws Exception {
    String email =
        "http://" + google.metadataHost(JOB) + "/computeMetadata/v1/instance/service-accounts/";
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> without =
        http.send(
            HttpRequest.newBuilder(URI.create(email + "default/email")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> with =
        http.send(
            HttpRequest.newBuilder(URI.create(email + "default/email"))
                .header("Metadata-Flavor", "Google")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(with.body()).isEqualTo(JOB);
    assertThat(with.headers().firstValue("Metadata-Flavor")).hasValue("Google");
  }

  /**
   * The whole path a deployable takes on Cloud Run, in a process of its own: google-auth's
   * application default credentials find the metadata server named by {@code GCE_METADATA_HOST},
   * and {@code IdTokenCredentials} gets tokens for the identity that server serves.
   */
  @Test
  void aProcessStartedWithTheMetadataEnvironmentGetsIdTokensThroughGoogleAuth() throws Exception {
    Map<String, String> output = runProbe(google.metadataEnv(JOB), SERVICE_URL);

    assertThat(output)
        .containsEntry("credentials", "ComputeEngineCredentials")
        .containsEntry("account", JOB)
        .containsEntry("project", "storewire-local");
    // format=standard, the default: no email claim; the subject still names the account.
    JsonWebToken.Payload standard =
        verifier(SERVICE_URL).verify(output.get("standard")).getPayload();
    assertThat(standard.get("email")).isNull();
    assertThat(google.verify(output.get("standard")).email()).isEqualTo(JOB);
    JsonWebToken.Payload full = verifier(SERVICE_URL).verify(output.get("full")).getPayload();
    assertThat(full.get("email")).isEqualTo(JOB);
    assertThat(full.getSubject()).isEqualTo(standard.getSubject());
  }

  private static Map<String, String> runProbe(Map<String, String> env, String audience)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-cp", System.getProperty("java.class.path"), IdTokenProbe.class.getName(), audience));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("GOOGLE_") || name.startsWith("GCE_"));
    builder.environment().putAll(env);
    Process probe = builder.start();
    String printed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(printed).isZero();
    Map<String, String> values = new HashMap<>();
    printed
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                values.put(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return values;
  }
}
