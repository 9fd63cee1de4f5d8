package com.storewire.intake.webhooks;

import io.micronaut.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Amazon signs no HTTP notification: SP-API delivers ORDER_CHANGE to SQS or EventBridge. We take it
 * through an EventBridge API destination, whose connection sends a fixed API-key header; that
 * shared secret is what is checked here, in constant time.
 */
final class ApiKeySignature implements SignatureCheck {

  private final String header;
  private final byte[] key;

  ApiKeySignature(String header, String key) {
    this.header = header;
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String refusal(byte[] rawBody, HttpHeaders headers) {
    String given = headers.get(header);
    if (given == null) {
      return "missing " + header;
    }
    return MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))
        ? null
        : "bad " + header;
  }
}
