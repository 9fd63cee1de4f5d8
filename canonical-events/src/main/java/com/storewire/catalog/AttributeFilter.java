package com.storewire.catalog;

import java.util.Map;

/**
 * A subscription filter on one message attribute, kept structured so that it renders as Pub/Sub's
 * filter expression for terraform and can also be applied by the consumer itself: the emulator
 * accepts filters but ignores them, and correctness must not depend on them there.
 *
 * @param attribute the attribute tested; null for the filter that admits every message
 * @param negated true for {@code NOT attributes.x = "v"}, which also admits messages without x
 */
public record AttributeFilter(String attribute, String value, boolean negated) {

  public static final AttributeFilter ALL = new AttributeFilter(null, null, false);

  public static AttributeFilter equalTo(String attribute, String value) {
    return new AttributeFilter(attribute, value, false);
  }

  public static AttributeFilter notEqualTo(String attribute, String value) {
    return new AttributeFilter(attribute, value, true);
  }

  /** Pub/Sub's filter syntax; empty admits every message. */
  public String expression() {
    if (attribute == null) {
      return "";
    }
    String test = "attributes." + attribute + " = \"" + value + "\"";
    return negated ? "NOT " + test : test;
  }

  public boolean admits(Map<String, String> attributes) {
    return attribute == null || value.equals(attributes.get(attribute)) != negated;
  }
}
