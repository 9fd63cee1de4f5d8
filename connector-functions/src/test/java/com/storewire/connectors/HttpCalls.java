package com.storewire.connectors;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls an {@link HttpFunction} in this JVM as the Functions runtime does, with the request a
 * vendor's webhook or a Pub/Sub push subscription makes. local-stack's PushDeliveryIT runs a
 * function under the framework's real invoker; these calls keep the many cases here fast.
 */
final class HttpCalls {

  private HttpCalls() {}

  /** The function's answer. */
  record Answer(int status, String body) {}

  static Answer post(HttpFunction function, String pathAndQuery, byte[] body) throws Exception {
    return call(function, "POST", pathAndQuery, body);
  }

  static Answer call(HttpFunction function, String method, String pathAndQuery, byte[] body)
      throws Exception {
    URI uri = URI.create("http://function.local" + pathAndQuery);
    Map<String, List<String>> query = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query
            .computeIfAbsent(kv[0], k -> new ArrayList<>())
            .add(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
      }
    }
    Request request = new Request(method, uri, query, body);
    Response response = new Response();
    function.service(request, response);
    response.writer.flush();
    return new Answer(response.status, response.out.toString(StandardCharsets.UTF_8));
  }

  private record Request(String method, URI uri, Map<String, List<String>> query, byte[] body)
      implements HttpRequest {
    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return uri.toString();
    }

    @Override
    public String getPath() {
      return uri.getPath();
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.ofNullable(uri.getRawQuery());
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      return query;
    }

    @Override
    public Map<String, HttpPart> getParts() {
      return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.of("application/json");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.of("UTF-8");
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return Map.of("Content-Type", List.of("application/json"));
    }
  }

  private static final class Response implements HttpResponse {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    private final Map<String, List<String>> headers = new HashMap<>();
    private int status = 200;
    private String contentType;

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(contentType);
    }

    @Override
    public void appendHeader(String header, String value) {
      headers.computeIfAbsent(header, h -> new ArrayList<>()).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public BufferedWriter getWriter() {
      return writer;
    }
  }
}
