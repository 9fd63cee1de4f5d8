package com.storewire.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pub/Sub emulator's REST API (served on its gRPC port), for provisioning and for tools that
 * must not carry a gRPC stack. Any answer other than 2xx throws, naming the call.
 */
public final class PubSubRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String hostPort;

  public PubSubRest(String hostPort) {
    this.hostPort = hostPort;
  }

  /**
   * How a subscription delivers.
   *
   * @param deadLetterTopic topic name in the same project, or null for none
   * @param maxDeliveryAttempts attempts before dead-lettering (ignored without a dead-letter topic)
   * @param minimumBackoff with {@code maximumBackoff}, the retry policy; null for none (a failed
   *     message is redelivered at once)
   */
  public record SubscriptionSpec(
      int ackDeadlineSeconds,
      boolean messageOrdering,
      String deadLetterTopic,
      int maxDeliveryAttempts,
      String filter,
      Duration minimumBackoff,
      Duration maximumBackoff) {

    public SubscriptionSpec(
        int ackDeadlineSeconds,
        boolean messageOrdering,
        String deadLetterTopic,
        int maxDeliveryAttempts,
        String filter) {
      this(
          ackDeadlineSeconds,
          messageOrdering,
          deadLetterTopic,
          maxDeliveryAttempts,
          filter,
          null,
          null);
    }
  }

  /** A pulled message; {@code deliveryAttempt} is 0 when the subscription has no dead letters. */
  public record ReceivedMessage(
      String ackId,
      String messageId,
      byte[] data,
      Map<String, String> attributes,
      int deliveryAttempt,
      String orderingKey,
      String publishTime) {}

  public void createTopic(String project, String topic) {
    call("PUT", topicPath(project, topic), JSON.createObjectNode());
  }

  public void createSubscription(
      String project, String subscription, String topic, SubscriptionSpec spec) {
    ObjectNode body = JSON.createObjectNode();
    body.put("topic", topicPath(project, topic).substring(4));
    body.put("ackDeadlineSeconds", spec.ackDeadlineSeconds());
    body.put("enableMessageOrdering", spec.messageOrdering());
    if (!spec.filter().isEmpty()) {
      body.put("filter", spec.filter()); // accepted by the emulator, but not applied
    }
    if (spec.deadLetterTopic() != null) {
      ObjectNode policy = body.putObject("deadLetterPolicy");
      policy.put("deadLetterTopic", topicPath(project, spec.deadLetterTopic()).substring(4));
      policy.put("maxDeliveryAttempts", spec.maxDeliveryAttempts());
    }
    if (spec.minimumBackoff() != null) {
      ObjectNode retry = body.putObject("retryPolicy");
      retry.put("minimumBackoff", spec.minimumBackoff().toMillis() / 1000.0 + "s");
      retry.put("maximumBackoff", spec.maximumBackoff().toMillis() / 1000.0 + "s");
    }
    call("PUT", subscriptionPath(project, subscription), body);
  }

  public void deleteSubscription(String project, String subscription) {
    call("DELETE", subscriptionPath(project, subscription), null);
  }

  /** Publishes one message and returns its id. */
  public String publish(
      String project,
      String topic,
      byte[] data,
      Map<String, String> attributes,
      String orderingKey) {
    ObjectNode message = JSON.createObjectNode();
    message.put("data", Base64.getEncoder().encodeToString(data));
    message.set("attributes", JSON.valueToTree(attributes));
    if (orderingKey != null) {
      message.put("orderingKey", orderingKey);
    }
    ObjectNode body = JSON.createObjectNode();
    body.putArray("messages").add(message);
    return call("POST", topicPath(project, topic) + ":publish", body)
        .get("messageIds")
        .get(0)
        .asText();
  }

  /** Returns at once with up to {@code max} messages, possibly none. */
  public List<ReceivedMessage> pull(String project, String subscription, int max) {
    ObjectNode body = JSON.createObjectNode();
    body.put("maxMessages", max);
    body.put("returnImmediately", true);
    JsonNode answer = call("POST", subscriptionPath(project, subscription) + ":pull", body);
    List<ReceivedMessage> messages = new ArrayList<>();
    for (JsonNode received : answer.path("receivedMessages")) {
      JsonNode message = received.get("message");
      Map<String, String> attributes = new HashMap<>();
      message
          .path("attributes")
          .fields()
          .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
      messages.add(
          new ReceivedMessage(
              received.get("ackId").asText(),
              message.get("messageId").asText(),
              Base64.getDecoder().decode(message.path("data").asText("")),
              Map.copyOf(attributes),
              received.path("deliveryAttempt").asInt(0),
              message.path("orderingKey").asText(""),
              message.path("publishTime").asText("")));
    }
    return messages;
  }

  public void acknowledge(String project, String subscription, List<String> ackIds) {
    ObjectNode body = JSON.createObjectNode();
    ackIds.forEach(body.putArray("ackIds")::add);
    call("POST", subscriptionPath(project, subscription) + ":acknowledge", body);
  }

  /** A deadline of 0 is a nack: the message is redelivered at once. */
  public void modifyAckDeadline(
      String project, String subscription, List<String> ackIds, int seconds) {
    ObjectNode body = JSON.createObjectNode();
    ackIds.forEach(body.putArray("ackIds")::add);
    body.put("ackDeadlineSeconds", seconds);
    call("POST", subscriptionPath(project, subscription) + ":modifyAckDeadline", body);
  }

  /**
   * Makes the subscription push to {@code endpoint}, as the catalog's push subscriptions to
   * order-intake and the connector functions do in Google Cloud: a 2xx answer acks, anything else
   * is redelivered.
   */
  public void pushTo(String project, String subscription, String endpoint) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("pushConfig").put("pushEndpoint", endpoint);
    call("POST", subscriptionPath(project, subscription) + ":modifyPushConfig", body);
  }

  /** Topic names in a project, e.g. to check what was provisioned. */
  public List<String> listTopics(String project) {
    List<String> names = new ArrayList<>();
    for (JsonNode topic : call("GET", "/v1/projects/" + project + "/topics", null).path("topics")) {
      String name = topic.get("name").asText();
      names.add(name.substring(name.lastIndexOf('/') + 1));
    }
    return names;
  }

  private static String topicPath(String project, String topic) {
    return "/v1/projects/" + project + "/topics/" + topic;
  }

  private static String subscriptionPath(String project, String subscription) {
    return "/v1/projects/" + project + "/subscriptions/" + subscription;
  }

  private JsonNode call(String method, String path, JsonNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + hostPort + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }
}
