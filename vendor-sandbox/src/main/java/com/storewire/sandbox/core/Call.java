package com.storewire.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as an imitation sees it: method, path below the vendor's prefix, headers
 * (case-insensitive), query parameters, raw body, and the path's named parts.
 */
public record Call(
    String method,
    String path,
    Map<String, String> headers,
    Map<String, List<String>> query,
    byte[] body,
    Map<String, String> pathParams) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase()));
  }

  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The body as JSON; a body that is not JSON is the caller's error, in the vendor's words. */
  public JsonNode json() throws IOException {
    return Reply.JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** application/x-www-form-urlencoded bodies, as the OAuth token endpoints take them. */
  public Map<String, String> form() {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : bodyText().split("&")) {
      if (!pair.isEmpty()) {
        String[] kv = pair.split("=", 2);
        form.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    return form;
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query
          .computeIfAbsent(decode(kv[0]), k -> new ArrayList<>())
          .add(kv.length > 1 ? decode(kv[1]) : "");
    }
    return query;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  Call withPathParams(Map<String, String> params) {
    return new Call(method, path, headers, query, body, params);
  }
}
