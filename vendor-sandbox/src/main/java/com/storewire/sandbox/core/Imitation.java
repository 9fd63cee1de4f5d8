package com.storewire.sandbox.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vendor's imitation: its routes in the vendor's own paths, and the pipeline every request
 * takes (scripted faults, then the route, which checks auth and limits as the vendor does).
 * Subclasses hold only what differs: routes, error shape, throttle answer.
 */
public abstract class Imitation {

  /** A request handler; a body that does not parse is answered as the vendor answers it. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call) throws IOException;
  }

  /** Thrown to drop the connection with no answer, as a reset or a timeout looks to a client. */
  public static final class DropConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

  private static final ObjectMapper DRIFT_JSON = new ObjectMapper();

  private final AtomicLong requests = new AtomicLong();
  private final Map<Integer, AtomicLong> refusals = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong throttledOtherwise = new AtomicLong();

  protected final Clock clock;
  protected final Faults faults;
  protected final Inventory inventory = new Inventory();
  private final String name;
  private final List<Route> routes = new ArrayList<>();

  protected Imitation(String name, long seed, Clock clock) {
    this.name = name;
    this.clock = clock;
    this.faults = new Faults(seed, clock);
  }

  /** The path prefix and admin name, e.g. {@code shopify}. */
  public final String name() {
    return name;
  }

  public final Faults faults() {
    return faults;
  }

  public final Inventory inventory() {
    return inventory;
  }

  /**
   * A vendor-specific admin action ({@code POST /_admin/{vendor}/{action}}), such as shipping an
   * order; empty when this vendor has no such action.
   */
  public Optional<Reply> adminAction(String action, com.fasterxml.jackson.databind.JsonNode body) {
    return Optional.empty();
  }

  /** Revokes every access token at once: a token expired or revoked early. */
  public abstract void revokeTokens();

  /** The vendor's error body for a status, with its own code and message fields. */
  protected abstract Reply error(int status, String code, String message);

  /** The vendor's answer when a client is over its limit. */
  protected abstract Reply throttled(long retryAfterSeconds);

  /** Declares a route; {@code {name}} parts of the template match one path segment. */
  protected final void route(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    String regex = PARAM.matcher(template.replace(".", "\\.")).replaceAll("([^/]+)");
    routes.add(new Route(method, Pattern.compile(regex), names, handler));
  }

  /** Calls made to the vendor's API surface (admin calls excluded), for benchmarks. */
  public final long requests() {
    return requests.get();
  }

  /**
   * Calls to the API surface it answered with an error (4xx or 5xx): how a benchmark knows that a
   * fault it injected actually met a client's call.
   */
  public final long refusals(java.util.function.IntPredicate status) {
    return refusals.entrySet().stream()
        .filter(e -> status.test(e.getKey()))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /**
   * Answers that told the client to slow down: every 429, and those a vendor gives its own way
   * (Shopify's THROTTLED with HTTP 200, Logiwa's 403): how a benchmark knows whether its clients
   * kept to the vendor's limit together.
   */
  public final long throttles() {
    return throttledOtherwise.get() + refusals(status -> status == 429);
  }

  /** Counts a throttle answered with another status than 429. */
  protected final void countThrottle() {
    throttledOtherwise.incrementAndGet();
  }

  public final Reply handle(Call call) {
    for (Route route : routes) {
      Matcher matcher = route.pattern.matcher(call.path());
      if (route.method.equals(call.method()) && matcher.matches()) {
        requests.incrementAndGet();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < route.names.size(); i++) {
          params.put(route.names.get(i), matcher.group(i + 1));
        }
        Reply reply;
        Optional<Reply> fault = injectFault();
        if (fault.isPresent()) {
          reply = fault.get();
        } else {
          try {
            reply = drifted(route.handler.handle(call.withPathParams(params)));
          } catch (IOException | IllegalArgumentException e) {
            reply = error(400, "bad_request", "Could not read the request: " + e.getMessage());
          }
        }
        if (reply.status() >= 400) {
          refusals.computeIfAbsent(reply.status(), status -> new AtomicLong()).incrementAndGet();
        }
        return reply;
      }
    }
    return error(404, "not_found", "No such resource: " + call.method() + " " + call.path());
  }

  /**
   * A SCHEMA_DRIFT fault renames every top-level field of a successful JSON answer, as a vendor's
   * unannounced API change would: a client must not take the answer for success.
   */
  private Reply drifted(Reply reply) {
    if (reply.status() >= 300
        || reply.body().length == 0
        || reply.body()[0] != '{'
        || faults.draw(Faults.Kind.SCHEMA_DRIFT).isEmpty()) {
      return reply;
    }
    try {
      JsonNode answer = DRIFT_JSON.readTree(reply.body());
      ObjectNode renamed = DRIFT_JSON.createObjectNode();
      answer.fields().forEachRemaining(f -> renamed.set(f.getKey() + "_v2", f.getValue()));
      return new Reply(reply.status(), reply.headers(), DRIFT_JSON.writeValueAsBytes(renamed));
    } catch (IOException e) {
      return reply;
    }
  }

  private Optional<Reply> injectFault() {
    Optional<Faults.Fault> fault =
        faults.draw(
            Faults.Kind.SERVER_ERROR,
            Faults.Kind.THROTTLE,
            Faults.Kind.LATENCY,
            Faults.Kind.TIMEOUT,
            Faults.Kind.RESET);
    if (fault.isEmpty()) {
      return Optional.empty();
    }
    return switch (fault.get().kind()) {
      case SERVER_ERROR ->
          Optional.of(error(503, "service_unavailable", "Service temporarily unavailable"));
      case THROTTLE -> Optional.of(throttled(1));
      case LATENCY -> {
        pause(fault.get().millis());
        yield Optional.empty();
      }
      case TIMEOUT -> {
        pause(fault.get().millis() > 0 ? fault.get().millis() : 30_000);
        throw new DropConnection();
      }
      default -> throw new DropConnection();
    };
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The bearer token of {@code Authorization: Bearer …}, or null. */
  protected static String bearer(Call call) {
    return call.header("Authorization")
        .filter(h -> h.startsWith("Bearer "))
        .map(h -> h.substring("Bearer ".length()).trim())
        .orElse(null);
  }
}
