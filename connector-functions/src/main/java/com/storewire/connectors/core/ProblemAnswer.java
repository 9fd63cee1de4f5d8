package com.storewire.connectors.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;

/**
 * An HTTP function's refusal, in the shape order-intake's problem bodies have: {@code {"status",
 * "errors": [{"field", "reason"}]}}, so whoever reads a failed delivery's answer sees which part of
 * the request was wrong and why.
 */
public final class ProblemAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemAnswer() {}

  public static void send(HttpResponse response, int status, String field, String reason)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("status", status);
    body.putArray("errors").addObject().put("field", field).put("reason", reason);
    response.setStatusCode(status);
    response.setContentType("application/problem+json");
    response.getWriter().write(JSON.writeValueAsString(body));
  }
}
