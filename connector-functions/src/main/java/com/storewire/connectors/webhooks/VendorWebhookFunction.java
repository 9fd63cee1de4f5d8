package com.storewire.connectors.webhooks;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.storewire.connectors.core.EventPublisher;
import com.storewire.connectors.core.ProblemAnswer;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.RawVendorPayload;
import com.storewire.events.SystemId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP function that ShipStation's and Logiwa's webhooks call: {@code POST
 * /{vendor}/{topic}?token=…}. Neither vendor signs its webhooks (VENDORS.md), so the URL carries a
 * secret token, compared in constant time, and the payload is kept as it came, flagged unverified,
 * on the raw payloads topic; the vendor's connector function takes it from there. Answering needs
 * only that publish, so the vendor hears back at once. The event id is a digest of vendor, topic
 * and body: a repeated delivery is one event to every consumer.
 */
public final class VendorWebhookFunction implements HttpFunction {

  private static final Logger LOG = LoggerFactory.getLogger(VendorWebhookFunction.class);
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final Map<String, Set<String>> TOPICS =
      Map.of(
          "shipstation", Set.of("SHIP_NOTIFY"),
          "logiwa", Set.of("inventory-change"));

  private final byte[] token;
  private final EventPublisher events;
  private final Clock clock;

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public VendorWebhookFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  VendorWebhookFunction(Map<String, String> env, Clock clock) {
    this.token = env.getOrDefault("STOREWIRE_WEBHOOK_TOKEN", "").getBytes(StandardCharsets.UTF_8);
    this.events = new EventPublisher(env);
    this.clock = clock;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    String[] path = request.getPath().replaceFirst("^/", "").split("/");
    if (!"POST".equals(request.getMethod())) {
      ProblemAnswer.send(response, 405, "method", "only POST is accepted");
      return;
    }
    if (path.length != 2 || !TOPICS.getOrDefault(path[0], Set.of()).contains(path[1])) {
      ProblemAnswer.send(response, 404, "path", "expected one of /{vendor}/{topic}: " + TOPICS);
      return;
    }
    List<String> given = request.getQueryParameters().getOrDefault("token", List.of());
    if (token.length == 0
        || given.size() != 1
        || !MessageDigest.isEqual(token, given.get(0).getBytes(StandardCharsets.UTF_8))) {
      LOG.warn("webhook refused vendor={} topic={}: bad token", path[0], path[1]);
      ProblemAnswer.send(response, 401, "token", "missing or wrong");
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      ProblemAnswer.send(response, 413, "body", "larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    Event raw = rawPayload(path[0], path[1], body, request.getContentType().orElse(""));
    try {
      events.publish(raw);
    } catch (IllegalStateException e) {
      LOG.error("webhook not kept vendor={} topic={}; the vendor must retry", path[0], path[1], e);
      ProblemAnswer.send(response, 503, "pubsub", "not kept; please retry");
      return;
    }
    response.setStatusCode(200);
    response.setContentType("application/json");
    response.getWriter().write("{\"received\":\"" + raw.getId() + "\"}");
  }

  private Event rawPayload(String vendor, String topic, byte[] body, String contentType) {
    return EventBuilder.of(
            RawVendorPayload.newBuilder()
                .setVendor(SystemId.valueOf(vendor.toUpperCase()))
                .setVendorTopic(topic)
                .setReceivedAt(clock.instant())
                .setSignatureVerified(false)
                .setContentType(contentType)
                .setBody(ByteBuffer.wrap(body))
                .build())
        .id(vendor + "-" + topic + "-" + digest(vendor, topic, body))
        .source("//storewire/connector-functions/webhooks/" + vendor)
        .build();
  }

  private static String digest(String vendor, String topic, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((vendor + "/" + topic + "/").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(body), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
