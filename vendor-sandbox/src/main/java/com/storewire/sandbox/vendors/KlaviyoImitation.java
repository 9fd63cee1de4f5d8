package com.storewire.sandbox.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.sandbox.core.Call;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.RateLimit;
import com.storewire.sandbox.core.Reply;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Klaviyo as Storewire uses it (klaviyo/openapi create_event.json, bulk_create_events.json; rate
 * limits guide): {@code Authorization: Klaviyo-API-Key …} and a required {@code revision} header;
 * {@code POST /api/events} answers 202 (burst 350/s, steady 3,500/min, fixed windows), a repeated
 * {@code unique_id} for the same profile and metric is recorded once; {@code POST
 * /api/event-bulk-create-jobs} takes at most 1,000 events (burst 10/s, steady 150/min) and a
 * duplicate {@code unique_id} fails the whole request; 429 carries {@code Retry-After}; every error
 * is JSON:API.
 */
public final class KlaviyoImitation extends Imitation {

  static final int MAX_BULK = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiKey;
  private final RateLimit events = RateLimit.burstAndSteady(350, 3500);
  private final RateLimit bulk = RateLimit.burstAndSteady(10, 150);
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();
  private volatile boolean revoked;

  public KlaviyoImitation(long seed, Clock clock, String apiKey) {
    super("klaviyo", seed, clock);
    this.apiKey = apiKey;
    route("POST", "/api/events", this::createEvent);
    route("POST", "/api/event-bulk-create-jobs", this::bulkCreate);
  }

  @Override
  public void revokeTokens() {
    revoked = true;
  }

  private Reply gate(Call call, RateLimit limit) {
    if (revoked || !("Klaviyo-API-Key " + apiKey).equals(call.header("Authorization").orElse(""))) {
      return jsonApiError(
          401, "not_authenticated", "Authentication credentials were not provided.", null);
    }
    if (call.header("revision").isEmpty()) {
      return jsonApiError(400, "invalid", "The revision header is required.", "revision");
    }
    RateLimit.Outcome taken = limit.take(1);
    return taken.allowed() ? null : throttled(taken.retryAfterSeconds());
  }

  private Reply createEvent(Call call) throws IOException {
    Reply refused = gate(call, events);
    if (refused != null) {
      return refused;
    }
    JsonNode attributes = call.json().path("data").path("attributes");
    if (attributes.path("metric").isMissingNode() || attributes.path("profile").isMissingNode()) {
      return jsonApiError(400, "invalid", "metric and profile are required.", "/data/attributes");
    }
    if (recorded.add(dedupeKey(attributes))) {
      inventory.record("event", attributes);
    }
    return Reply.empty(202);
  }

  private Reply bulkCreate(Call call) throws IOException {
    Reply refused = gate(call, bulk);
    if (refused != null) {
      return refused;
    }
    JsonNode batch =
        call.json().path("data").path("attributes").path("events-bulk-create").path("data");
    if (batch.size() > MAX_BULK) {
      return jsonApiError(
          400,
          "invalid",
          "At most " + MAX_BULK + " events per job.",
          "/data/attributes/events-bulk-create/data");
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode event : batch) {
      String unique = event.path("attributes").path("unique_id").asText(null);
      if (unique != null && !seen.add(unique)) {
        return jsonApiError(
            400,
            "duplicate_unique_id",
            "Duplicate unique_id " + unique + " in request.",
            "/data/attributes/events-bulk-create/data");
      }
    }
    batch.forEach(
        event -> {
          if (recorded.add(dedupeKey(event.path("attributes")))) {
            inventory.record("event", event.path("attributes"));
          }
        });
    return Reply.json(
        202,
        JSON.createObjectNode()
            .set(
                "data",
                JSON.createObjectNode()
                    .put("type", "event-bulk-create-job")
                    .put("id", UUID.randomUUID().toString())));
  }

  private static String dedupeKey(JsonNode attributes) {
    String unique = attributes.path("unique_id").asText(UUID.randomUUID().toString());
    return attributes.path("metric").toString()
        + "|"
        + attributes.path("profile").toString()
        + "|"
        + unique;
  }

  private static Reply jsonApiError(int status, String code, String detail, String pointer) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putArray("errors").addObject();
    error
        .put("id", UUID.randomUUID().toString())
        .put("status", status)
        .put("code", code)
        .put("title", status == 429 ? "Request was throttled." : "Invalid request.")
        .put("detail", detail);
    ObjectNode source = error.putObject("source");
    if (pointer != null) {
      source.put("pointer", pointer);
    }
    return Reply.json(status, body).withHeader("Content-Type", "application/vnd.api+json");
  }

  @Override
  protected Reply error(int status, String code, String message) {
    return jsonApiError(status, code, message, null);
  }

  @Override
  protected Reply throttled(long retryAfterSeconds) {
    return jsonApiError(
            429,
            "throttled",
            "Request was throttled. Expected available in " + retryAfterSeconds + " second.",
            null)
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }
}
