package com.storewire.localstack.dataflow;

import java.util.List;

/** A launch refused before anything started, as Dataflow refuses it: every reason, one a line. */
public final class InvalidTemplateParametersException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  InvalidTemplateParametersException(String template, List<String> problems) {
    super(
        "The template parameters of "
            + template
            + " are invalid, so it was not launched:\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
