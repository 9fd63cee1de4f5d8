package com.storewire.dataflow.normalise;

/**
 * A vendor payload that cannot become a canonical event, with the field to blame (a JSON path such
 * as {@code line_items[0].sku}, or {@code $} for the whole body) so whoever reads {@code
 * pipeline_failures} knows what to fix without re-parsing the body.
 */
public final class PayloadException extends RuntimeException {

  private final String field;

  public PayloadException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
