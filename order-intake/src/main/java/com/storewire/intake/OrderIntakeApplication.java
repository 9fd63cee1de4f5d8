package com.storewire.intake;

import io.micronaut.runtime.Micronaut;

public final class OrderIntakeApplication {
  private OrderIntakeApplication() {}

  public static void main(String[] args) {
    Micronaut.run(OrderIntakeApplication.class, args);
  }
}
