package com.storewire.intake.deployment;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The storefront's current API keys ({@code STOREWIRE_STOREFRONT_API_KEYS}, comma-separated). Any
 * of them is accepted, so a key is rotated without downtime: add the new key, move the storefront
 * to it, remove the old one. Keys are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, against every key every time: neither a key's length nor which key
 * matched shows in the time an answer takes.
 */
public final class StorefrontKeys {

  /** The request header the storefront sends its key in. */
  public static final String HEADER = "X-Storewire-Storefront-Key";

  /** The OpenAPI security scheme of {@link StorefrontRoute}s. */
  public static final String SCHEME = "storefrontApiKey";

  /** Shorter keys are refused at startup: a key is a random secret, not a password. */
  static final int MIN_LENGTH = 16;

  private final List<byte[]> digests;

  private StorefrontKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  /**
   * Parses the comma-separated list; blanks around a key and empty entries are ignored.
   *
   * @throws IllegalArgumentException when there is no key, or one is shorter than {@value
   *     #MIN_LENGTH} characters (the message never shows a key)
   */
  static StorefrontKeys parse(@Nullable String commaSeparated) {
    List<byte[]> digests = new ArrayList<>();
    int position = 0;
    for (String key : (commaSeparated == null ? "" : commaSeparated).split(",")) {
      position++;
      String trimmed = key.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "key " + position + " is shorter than " + MIN_LENGTH + " characters");
      }
      digests.add(sha256(trimmed));
    }
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("no key given");
    }
    return new StorefrontKeys(List.copyOf(digests));
  }

  /** Whether {@code presented} is one of the current keys. */
  boolean accepts(@Nullable String presented) {
    if (presented == null) {
      return false;
    }
    byte[] digest = sha256(presented.strip());
    boolean match = false;
    for (byte[] key : digests) {
      // No short cut: every key is compared, whichever matches.
      match |= MessageDigest.isEqual(key, digest);
    }
    return match;
  }

  int size() {
    return digests.size();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
