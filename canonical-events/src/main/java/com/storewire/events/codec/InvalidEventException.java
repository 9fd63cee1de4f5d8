package com.storewire.events.codec;

import java.util.List;
import java.util.stream.Collectors;

/** An event that cannot be encoded or decoded, with every field that is wrong and why. */
public final class InvalidEventException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<FieldError> errors;

  public InvalidEventException(List<FieldError> errors) {
    super(
        "invalid event: "
            + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid event needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public InvalidEventException(FieldError error) {
    this(List.of(error));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
