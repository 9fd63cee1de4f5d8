package com.storewire.catalog;

import java.util.List;

/** A column in BigQuery's JSON schema format, as terraform and the load APIs take it. */
public record BigQueryField(
    String name, String type, String mode, String description, List<BigQueryField> fields) {

  public BigQueryField {
    fields = List.copyOf(fields);
  }

  public static BigQueryField of(String name, String type, String mode, String description) {
    return new BigQueryField(name, type, mode, description, List.of());
  }
}
