package com.storewire.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every imitation on one loopback port under its own prefix ({@code /shopify}, {@code /amazon}, …),
 * plus {@code /_admin/{vendor}/…}, which is not part of any vendor's surface: stock, what was
 * received, faults, token revocation and selling, for tests and the benchmark.
 */
public final class SandboxServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final Map<String, Imitation> imitations = new LinkedHashMap<>();

  static {
    // Without TCP_NODELAY the JDK server waits on delayed ACKs: ~40 ms a small answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  public SandboxServer(List<Imitation> imitations, int port) {
    imitations.forEach(i -> this.imitations.put(i.name(), i));
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    server.createContext("/", this::serve);
    server.setExecutor(executor);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL a connector uses instead of the vendor's host. */
  public String baseUrl(String vendor) {
    return "http://127.0.0.1:" + port() + "/" + vendor;
  }

  public Imitation imitation(String vendor) {
    return imitations.get(vendor);
  }

  public Map<String, String> baseUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    imitations.keySet().forEach(v -> urls.put(v, baseUrl(v)));
    return urls;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String[] parts = path.split("/", 3);
      Imitation imitation = parts.length > 1 ? imitations.get(parts[1]) : null;
      Call call = call(exchange, parts.length > 2 ? "/" + parts[2] : "/");
      Reply reply;
      if ("_admin".equals(parts.length > 1 ? parts[1] : "")) {
        reply = admin(call);
      } else if (imitation == null) {
        reply =
            Reply.json(
                404, Map.of("error", "no vendor at " + path, "vendors", imitations.keySet()));
      } else {
        reply = imitation.handle(call);
      }
      send(exchange, reply);
    } catch (Imitation.DropConnection dropped) {
      // Closing without an answer is the fault.
    } catch (RuntimeException bug) {
      send(exchange, Reply.json(500, Map.of("error", "sandbox failure: " + bug)));
    }
  }

  private Reply admin(Call call) throws IOException {
    String[] parts = call.path().split("/");
    Imitation imitation = parts.length > 1 ? imitations.get(parts[1]) : null;
    if (imitation == null) {
      return Reply.json(404, Map.of("error", "no such vendor", "vendors", imitations.keySet()));
    }
    String action = parts.length > 2 ? parts[2] : "state";
    switch (call.method() + " " + action) {
      case "GET state" -> {
        return Reply.json(
            200,
            Map.of(
                "stock", imitation.inventory().snapshot(),
                "received", imitation.inventory().received(),
                "faults", faults(imitation)));
      }
      case "PUT stock" -> {
        call.json()
            .fields()
            .forEachRemaining(e -> imitation.inventory().set(e.getKey(), e.getValue().asInt()));
        return Reply.json(200, imitation.inventory().snapshot());
      }
      case "POST faults" -> {
        JsonNode fault = call.json();
        imitation
            .faults()
            .add(
                Faults.Kind.valueOf(fault.path("kind").asText()),
                fault.path("requests").asInt(0),
                fault.has("seconds")
                    ? Duration.ofMillis((long) (fault.get("seconds").asDouble() * 1000))
                    : null,
                fault.path("probability").asDouble(1.0),
                fault.path("millis").asLong(0));
        return Reply.json(200, faults(imitation));
      }
      case "DELETE faults" -> {
        imitation.faults().clear();
        return Reply.empty(204);
      }
      case "POST revoke-tokens" -> {
        imitation.revokeTokens();
        return Reply.empty(204);
      }
      case "POST sell" -> {
        if (!(imitation instanceof Seller seller)) {
          return Reply.json(400, Map.of("error", imitation.name() + " does not sell"));
        }
        JsonNode order = call.json();
        String orderId = seller.sell(order.path("sku").asText(), order.path("quantity").asInt(1));
        return Reply.json(200, java.util.Collections.singletonMap("order_id", orderId));
      }
      case "POST webhook-target" -> {
        if (!(imitation instanceof Seller seller)) {
          return Reply.json(400, Map.of("error", imitation.name() + " sends no order webhooks"));
        }
        seller.deliverTo(call.json().path("url").asText());
        return Reply.empty(204);
      }
      case "POST flush" -> {
        if (!(imitation instanceof Seller seller)) {
          return Reply.json(400, Map.of("error", imitation.name() + " sends no order webhooks"));
        }
        return Reply.json(200, Map.of("delivered", seller.flush()));
      }
      default -> {
        return imitation
            .adminAction(action, call.json())
            .orElseGet(
                () ->
                    Reply.json(
                        404, Map.of("error", "no admin action " + call.method() + " " + action)));
      }
    }
  }

  private static List<Map<String, Object>> faults(Imitation imitation) {
    return imitation.faults().active().stream()
        .map(
            f ->
                Map.<String, Object>of(
                    "kind", f.kind().name(),
                    "requests_left", f.requests() == Integer.MAX_VALUE ? "unlimited" : f.requests(),
                    "until",
                        f.until().equals(java.time.Instant.MAX)
                            ? "unlimited"
                            : f.until().toString(),
                    "probability", f.probability(),
                    "millis", f.millis()))
        .toList();
  }

  private static Call call(HttpExchange exchange, String path) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    Headers raw = exchange.getRequestHeaders();
    raw.forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    return new Call(
        exchange.getRequestMethod(),
        path,
        headers,
        Call.parseQuery(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestBody().readAllBytes(),
        Map.of());
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(
        reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    if (reply.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
