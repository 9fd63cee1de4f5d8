package com.storewire.localstack.stack;

import com.storewire.emulators.PubSubRest;
import com.storewire.emulators.PushDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Does locally what the catalog's push subscriptions do in Google Cloud: each message of a
 * function's subscription is POSTed to the function as {@code application/json}, in the envelope
 * Pub/Sub push sends ({@code {"message", "subscription", "deliveryAttempt"}}; see {@link
 * PushDelivery}). A 2xx answer acks; anything else, or no answer, nacks, and the subscription's
 * retry policy and dead-letter policy take over, as in production.
 *
 * <p>It pulls rather than letting the emulator push: the emulator pushes at most two messages at a
 * time per subscription (measured), where Pub/Sub scales push deliveries out to the function's
 * instances, so a connector that batches (Logiwa's bulk orders) never saw a batch. Up to {@link
 * #IN_FLIGHT} deliveries per subscription run at once. The subscriptions are unordered here (see
 * {@code CatalogProvisioner#forLocalStack}); messages of one ordering key are delivered one after
 * another in the order pulled, and when one fails the ones behind it are nacked with it, as Pub/Sub
 * does for an ordered subscription. Redeliveries may still overtake each other locally, which is
 * why no consumer's correctness depends on ordering (stock carries versions, orders are upserts).
 */
public final class PushBridge implements AutoCloseable {

  /** Deliveries in flight per subscription, about what a function's instances take at once. */
  static final int IN_FLIGHT = 64;

  private static final long IDLE_PAUSE_MAX_MILLIS = 100;

  private final PubSubRest pubsub;
  private final String project;
  // HTTP/1.1: the invoker's Jetty failed the h2c upgrade Java's client tries by default.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService pollers = Executors.newCachedThreadPool();
  private final Map<String, String> functionUrls = new ConcurrentHashMap<>();
  private final Map<String, Supplier<String>> idTokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  public PushBridge(PubSubRest pubsub, String project) {
    this.pubsub = pubsub;
    this.project = project;
  }

  /**
   * Delivers the subscription's messages to the function from now on; routing it again (a restarted
   * function on a new port) changes where the next deliveries go.
   */
  public void route(String subscription, String functionUrl) {
    if (functionUrls.put(subscription, functionUrl) == null) {
      pollers.execute(() -> poll(subscription));
    }
  }

  /**
   * As {@link #route(String, String)}, for a push subscription with an OIDC token: each delivery
   * carries {@code Authorization: Bearer} with the token {@code idToken} gives (the push service
   * account's, for the endpoint's audience; e.g. {@code LocalGoogle#idToken}), as Pub/Sub's does.
   */
  public void route(String subscription, String functionUrl, Supplier<String> idToken) {
    idTokens.put(subscription, idToken);
    route(subscription, functionUrl);
  }

  /** Deliveries the functions acknowledged. */
  public long forwarded() {
    return forwarded.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Deliveries of one subscription its function acknowledged. */
  public long forwarded(String subscription) {
    return forwarded.getOrDefault(subscription, new AtomicLong()).get();
  }

  /**
   * Deliveries of one subscription its function failed or never answered: what Pub/Sub reports as
   * failed push deliveries, on which production alerts.
   */
  public long refused(String subscription) {
    return refused.getOrDefault(subscription, new AtomicLong()).get();
  }

  private void poll(String subscription) {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    Map<String, CompletableFuture<Boolean>> keyTails = new HashMap<>();
    long idlePause = 1;
    while (open) {
      int free = slots.availablePermits();
      List<PubSubRest.ReceivedMessage> messages;
      try {
        messages = free == 0 ? List.of() : pubsub.pull(project, subscription, free);
      } catch (RuntimeException e) {
        messages = List.of(); // the emulator is stopping, or hiccuped: pull again
      }
      if (messages.isEmpty()) {
        pause(idlePause);
        idlePause = Math.min(IDLE_PAUSE_MAX_MILLIS, idlePause * 2);
        continue;
      }
      idlePause = 1;
      for (PubSubRest.ReceivedMessage message : messages) {
        slots.acquireUninterruptibly();
        String key = message.orderingKey();
        if (key.isEmpty()) {
          deliver(subscription, message, true).whenComplete((ok, e) -> slots.release());
          continue;
        }
        CompletableFuture<Boolean> next;
        synchronized (keyTails) {
          CompletableFuture<Boolean> before =
              keyTails.getOrDefault(key, CompletableFuture.completedFuture(true));
          next = before.thenCompose(previousOk -> deliver(subscription, message, previousOk));
          keyTails.put(key, next);
        }
        next.whenComplete(
            (ok, e) -> {
              slots.release();
              synchronized (keyTails) {
                keyTails.remove(key, next);
              }
            });
      }
    }
  }

  /**
   * Sends one message to the function and acks or nacks it; returns whether it was acked. A message
   * whose predecessor of the same ordering key failed is nacked unsent.
   */
  private CompletableFuture<Boolean> deliver(
      String subscription, PubSubRest.ReceivedMessage message, boolean send) {
    if (!send) {
      nack(subscription, message);
      return CompletableFuture.completedFuture(false);
    }
    HttpRequest.Builder push =
        HttpRequest.newBuilder(URI.create(functionUrls.get(subscription)))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    PushDelivery.of(message, project, subscription)));
    Supplier<String> idToken = idTokens.get(subscription);
    if (idToken != null) {
      push.header("Authorization", "Bearer " + idToken.get());
    }
    return http.sendAsync(push.build(), HttpResponse.BodyHandlers.discarding())
        .handle((response, unreachable) -> response != null && response.statusCode() / 100 == 2)
        .thenApply(
            ok -> {
              (ok ? forwarded : refused)
                  .computeIfAbsent(subscription, s -> new AtomicLong())
                  .incrementAndGet();
              if (ok) {
                ack(subscription, message);
              } else {
                nack(subscription, message);
              }
              return ok;
            });
  }

  private void ack(String subscription, PubSubRest.ReceivedMessage message) {
    try {
      pubsub.acknowledge(project, subscription, List.of(message.ackId()));
    } catch (RuntimeException e) {
      // Unacked, the message comes back after its ack deadline: delivered twice, never lost.
    }
  }

  private void nack(String subscription, PubSubRest.ReceivedMessage message) {
    try {
      pubsub.modifyAckDeadline(project, subscription, List.of(message.ackId()), 0);
    } catch (RuntimeException e) {
      // Not nacked, the message comes back after its ack deadline instead.
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    open = false;
    pollers.shutdownNow();
  }
}
