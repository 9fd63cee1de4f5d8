package com.storewire.intake.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.codec.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: what went wrong, for people ({@code title}, {@code detail}) and for code
 * ({@code type}, {@code status}, and each bad field with its reason).
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPES = "https://storewire.dev/problems/";

  public static Problem of(HttpStatus status, String type, String title, String detail) {
    return new Problem(TYPES + type, title, status.getCode(), detail, List.of(), Map.of());
  }

  /**
   * 404 for a request nothing here serves: the same answer whether no deployment has the route or
   * only the other one does, so the public service does not reveal the private one's routes.
   */
  public static Problem notFound(HttpRequest<?> request) {
    return of(
        HttpStatus.NOT_FOUND,
        "not-found",
        "Not found",
        "Nothing is served at " + request.getMethodName() + " " + request.getPath() + ".");
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, fieldErrors, extensions);
  }

  public Problem with(String key, Object value) {
    Map<String, Object> more = new java.util.LinkedHashMap<>(extensions);
    more.put(key, value);
    return new Problem(type, title, status, detail, errors, more);
  }

  /** The problem as JSON, with extension members at the top level as RFC 9457 puts them. */
  public String toJson() {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put(
          "errors",
          errors.stream().map(e -> Map.of("field", e.field(), "reason", e.reason())).toList());
    }
    body.putAll(extensions);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public MutableHttpResponse<String> response() {
    return HttpResponse.<String>status(HttpStatus.valueOf(status))
        .contentType(MEDIA_TYPE)
        .body(toJson());
  }
}
