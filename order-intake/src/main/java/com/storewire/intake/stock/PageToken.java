package com.storewire.intake.stock;

import com.storewire.events.validation.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where an availability listing resumes: the last SKU the page before examined, bound to the
 * partition it was listing so that it cannot be replayed against another. Opaque to clients
 * (base64url of {@code 1:index:count:sku}); SKUs are ordered by document id, so a SKU created
 * behind the cursor after a page was read is listed by the next pass, not this one.
 */
final class PageToken {

  private static final String VERSION = "1";

  private PageToken() {}

  static String of(SkuPartition partition, String resumeAfter) {
    String plain = VERSION + ":" + partition.index() + ":" + partition.count() + ":" + resumeAfter;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The SKU to resume after.
   *
   * @throws IllegalArgumentException saying why the token cannot be used for this partition
   */
  static String resumeAfter(String token, SkuPartition partition) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed: not a next_page_token");
    }
    String[] parts = plain.split(":", 4);
    if (parts.length != 4 || !parts[0].equals(VERSION) || !Identifiers.isSku(parts[3])) {
      throw new IllegalArgumentException("malformed: not a next_page_token");
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(parts[1]);
      count = Integer.parseInt(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed: not a next_page_token");
    }
    if (index != partition.index() || count != partition.count()) {
      throw new IllegalArgumentException(
          "belongs to partition " + index + " of " + count + ", not this request's");
    }
    return parts[3];
  }
}
