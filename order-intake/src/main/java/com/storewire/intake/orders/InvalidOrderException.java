package com.storewire.intake.orders;

import com.storewire.events.codec.FieldError;
import java.util.List;

/** An order request with fields that are missing, malformed or out of range. */
final class InvalidOrderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  InvalidOrderException(List<FieldError> errors) {
    super(errors.toString());
    this.errors = List.copyOf(errors);
  }

  List<FieldError> errors() {
    return errors;
  }
}
