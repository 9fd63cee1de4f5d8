package com.storewire.sandbox.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Posts a marketplace's webhooks to the merchant, with the delivery faults real ones show:
 * duplicates (the same delivery twice) and reordering (a delivery held back until the next).
 */
public final class WebhookDelivery {

  private record Pending(byte[] body, Map<String, String> headers) {}

  private final Faults faults;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Deque<Pending> held = new ArrayDeque<>();
  private volatile String target;
  private final java.util.concurrent.atomic.AtomicLong duplicatesAnswered =
      new java.util.concurrent.atomic.AtomicLong();

  public WebhookDelivery(Faults faults) {
    this.faults = faults;
  }

  public void target(String url) {
    this.target = url;
  }

  /** Delivers (or holds back); returns the HTTP statuses the merchant answered. */
  public synchronized List<String> deliver(byte[] body, Map<String, String> headers) {
    Pending delivery = new Pending(body, headers);
    if (faults.draw(Faults.Kind.DROPPED_WEBHOOK).isPresent()) {
      return List.of("dropped");
    }
    if (faults.draw(Faults.Kind.OUT_OF_ORDER_WEBHOOK).isPresent()) {
      held.add(delivery);
      return List.of("held");
    }
    List<String> statuses = new ArrayList<>();
    statuses.add(post(delivery));
    if (faults.draw(Faults.Kind.DUPLICATE_WEBHOOK).isPresent()) {
      String status = post(delivery);
      if (status.startsWith("2")) {
        duplicatesAnswered.incrementAndGet();
      }
      statuses.add(status);
    }
    statuses.addAll(flush());
    return statuses;
  }

  /** Second deliveries of a webhook that the merchant answered with a 2xx. */
  public long duplicatesAnswered() {
    return duplicatesAnswered.get();
  }

  /** Sends what was held back, after what came later. */
  public synchronized List<String> flush() {
    List<String> statuses = new ArrayList<>();
    while (!held.isEmpty()) {
      statuses.add(post(held.poll()));
    }
    return statuses;
  }

  private String post(Pending delivery) {
    if (target == null) {
      return "no target";
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    delivery.headers().forEach(request::header);
    try {
      return Integer.toString(
          http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException e) {
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
