package com.storewire.sandbox.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an imitation answers: status, headers and body, exactly as the vendor would send them. */
public record Reply(int status, Map<String, String> headers, byte[] body) {

  static final ObjectMapper JSON = new ObjectMapper();

  public static Reply json(int status, Object body) {
    try {
      return new Reply(
          status,
          new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
          JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Reply empty(int status) {
    return new Reply(status, new LinkedHashMap<>(), new byte[0]);
  }

  public static Reply text(int status, String contentType, String body) {
    return new Reply(
        status,
        new LinkedHashMap<>(Map.of("Content-Type", contentType)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, more, body);
  }
}
