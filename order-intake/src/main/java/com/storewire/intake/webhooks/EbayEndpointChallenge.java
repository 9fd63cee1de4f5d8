package com.storewire.intake.webhooks;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * eBay's endpoint validation (developer.ebay.com "Marketplace account deletion": the same check
 * guards every Notification API destination): eBay calls the endpoint it was given with {@code GET
 * ?challenge_code=…} and expects 200, {@code application/json}, and {@code challengeResponse}: the
 * hex SHA-256 of the challenge code, the verification token and the endpoint, concatenated in that
 * order. The verification token is a secret shared with eBay only (32 to 80 letters, digits, {@code
 * _} and {@code -}); the endpoint is the public URL eBay was given, exactly as given: behind a load
 * balancer the service cannot know it.
 */
@Singleton
// Only the public deployment answers eBay; the private one starts without eBay's keys.
@Requires(property = "storewire.routes", value = "public")
public class EbayEndpointChallenge {

  private static final Pattern VERIFICATION_TOKEN = Pattern.compile("[A-Za-z0-9_-]{32,80}");

  /** The answer to a challenge. */
  @Serdeable
  public record Answer(String challengeResponse) {}

  private final String verificationToken;
  private final String endpoint;

  public EbayEndpointChallenge(
      @Value("${storewire.webhooks.ebay.verification-token}") String verificationToken,
      @Value("${storewire.webhooks.ebay.endpoint}") String endpoint) {
    if (verificationToken == null || !VERIFICATION_TOKEN.matcher(verificationToken).matches()) {
      throw new IllegalStateException(
          "storewire.webhooks.ebay.verification-token (EBAY_VERIFICATION_TOKEN) must be 32 to 80"
              + " letters, digits, _ or -, as eBay requires");
    }
    if (!absoluteHttpUrl(endpoint)) {
      throw new IllegalStateException(
          "storewire.webhooks.ebay.endpoint (STOREWIRE_WEBHOOKS_EBAY_ENDPOINT) must be the"
              + " notification endpoint's public URL as eBay was given it, not: "
              + endpoint);
    }
    this.verificationToken = verificationToken;
    this.endpoint = endpoint;
  }

  public Answer answer(String challengeCode) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (challengeCode + verificationToken + endpoint).getBytes(StandardCharsets.UTF_8));
      return new Answer(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean absoluteHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = new URI(url);
      return uri.getHost() != null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
