package com.storewire.events.codec;

/**
 * One reason an event was refused: the field's path (e.g. {@code data.lines[0].quantity}, or {@code
 * $} for the message as a whole) and what is wrong with it.
 */
public record FieldError(String field, String reason) {
  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
