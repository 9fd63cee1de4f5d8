package com.storewire.intake.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.storewire.sandbox.VendorSandbox;
import com.storewire.sandbox.core.SandboxServer;
import io.micronaut.http.simple.SimpleHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Application tokens minted from the vendor sandbox's eBay by the client credentials grant. */
class EbayApplicationTokenTest {

  private static final VendorSandbox.Credentials CREDENTIALS = VendorSandbox.Credentials.local();

  private final SandboxServer sandbox = VendorSandbox.start(0, 5, CREDENTIALS);

  /** A clock the test moves on. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-27T09:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  @AfterEach
  void stopSandbox() {
    sandbox.close();
  }

  private String tokenUrl() {
    return sandbox.baseUrl("ebay") + "/identity/v1/oauth2/token";
  }

  @Test
  void aTokenIsKeptUntilShortlyBeforeItExpiresAndReplacedWhenRefused() {
    MovableClock clock = new MovableClock();
    EbayApplicationToken tokens =
        new EbayApplicationToken(
            "Storewire-app-PRD", CREDENTIALS.ebayClientSecret(), tokenUrl(), clock);

    String first = tokens.value();
    clock.advance(Duration.ofMinutes(114));
    String later = tokens.value();
    clock.advance(Duration.ofMinutes(1));
    String renewed = tokens.value();
    tokens.refused(first);
    String afterStaleRefusal = tokens.value();
    tokens.refused(renewed);
    String replaced = tokens.value();

    assertThat(later).isEqualTo(first);
    // Two hours' tokens, replaced from five minutes before they expire.
    assertThat(renewed).isNotEqualTo(first).startsWith("v^1.1#");
    assertThat(afterStaleRefusal).isEqualTo(renewed);
    assertThat(replaced).isNotEqualTo(renewed);
    assertThat(tokens.minted()).isEqualTo(3);
  }

  @Test
  void aWrongClientSecretIsUnavailableWithEbaysReasonAndNotTheSecret() {
    EbayApplicationToken tokens =
        new EbayApplicationToken(
            "Storewire-app-PRD", "not-the-secret", tokenUrl(), Clock.systemUTC());

    assertThatThrownBy(tokens::value)
        .isInstanceOf(EbayApplicationToken.Unavailable.class)
        .hasMessageContaining("401")
        .hasMessageContaining("invalid_client")
        .hasMessageNotContaining("not-the-secret");
  }

  @Test
  void aNotificationWhoseKeyCannotBeFetchedIsNotRefusedButUnavailable() {
    EbayApplicationToken refusedCredentials =
        new EbayApplicationToken(
            "Storewire-app-PRD", "not-the-secret", tokenUrl(), Clock.systemUTC());
    EbaySignature signature =
        new EbaySignature(
            sandbox.baseUrl("ebay") + "/commerce/notification/v1/public_key/", refusedCredentials);
    SimpleHttpHeaders headers = new SimpleHttpHeaders();
    headers.add(
        EbaySignature.HEADER,
        Base64.getEncoder()
            .encodeToString(
                "{\"alg\":\"ECDSA\",\"kid\":\"ebay-key-1\",\"signature\":\"AA==\",\"digest\":\"SHA1\"}"
                    .getBytes(StandardCharsets.UTF_8)));

    // Storewire's credentials, not the notification, are at fault: 503 for eBay to retry.
    assertThatThrownBy(() -> signature.refusal("{}".getBytes(StandardCharsets.UTF_8), headers))
        .isInstanceOf(EbayApplicationToken.Unavailable.class)
        .hasMessageContaining("invalid_client");
  }

  @Test
  void anUnreachableTokenEndpointIsUnavailable() {
    EbayApplicationToken tokens =
        new EbayApplicationToken(
            "Storewire-app-PRD",
            CREDENTIALS.ebayClientSecret(),
            "http://127.0.0.1:9/identity/v1/oauth2/token",
            Clock.systemUTC());

    assertThatThrownBy(tokens::value)
        .isInstanceOf(EbayApplicationToken.Unavailable.class)
        .hasMessageContaining("did not answer");
  }

  @Test
  void theTokenEndpointIsOnThePublicKeysHostUnlessConfigured() {
    assertThat(
            EbayApplicationToken.tokenUrl(
                "", "https://api.ebay.com/commerce/notification/v1/public_key/"))
        .isEqualTo("https://api.ebay.com/identity/v1/oauth2/token");
    assertThat(
            EbayApplicationToken.tokenUrl(
                null, "http://127.0.0.1:4000/ebay/commerce/notification/v1/public_key"))
        .isEqualTo("http://127.0.0.1:4000/ebay/identity/v1/oauth2/token");
    assertThat(
            EbayApplicationToken.tokenUrl(
                "https://api.sandbox.ebay.com/identity/v1/oauth2/token",
                "https://keys.example.com/"))
        .isEqualTo("https://api.sandbox.ebay.com/identity/v1/oauth2/token");
    assertThatThrownBy(() -> EbayApplicationToken.tokenUrl("", "https://keys.example.com/"))
        .hasMessageContaining("storewire.webhooks.ebay.token-url");
  }
}
