package com.storewire.dataflow.forecast.stock;

/** A SKU's class by its share of revenue: A the few that earn most, C the long tail. */
public enum AbcClass {
  A,
  B,
  C
}
