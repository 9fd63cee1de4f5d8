package com.storewire.localstack.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service instance for the front's tests: records what reaches it and answers 201 with its name
 * and the request's body; when {@link #hold()} is on, each request waits for a permit of {@link
 * #release(int)} before answering, so a test controls exactly how many are in flight.
 */
final class FakeInstance implements AutoCloseable {

  record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {}

  private final String name;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final Semaphore permits = new Semaphore(0);
  private volatile boolean holding;
  private volatile CountDownLatch arrivals = new CountDownLatch(0);
  private final AtomicInteger drops = new AtomicInteger();

  FakeInstance(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::answer);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** From now on requests wait for {@link #release}; the returned latch opens after {@code n}. */
  CountDownLatch hold(int expectedArrivals) {
    holding = true;
    arrivals = new CountDownLatch(expectedArrivals);
    return arrivals;
  }

  /** The next {@code requests} requests get no answer: their connection is closed at once. */
  void dropNext(int requests) {
    drops.set(requests);
  }

  void release(int requests) {
    permits.release(requests);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  int peakInFlight() {
    return peakInFlight.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      arrivals.countDown();
      if (drops.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        inFlight.decrementAndGet();
        return; // closing the exchange unanswered closes its connection
      }
      try {
        if (holding) {
          permits.acquireUninterruptibly();
        }
        byte[] prefix = (name + ":").getBytes(StandardCharsets.UTF_8);
        byte[] answer = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, answer, prefix.length, body.length);
        exchange.getResponseHeaders().set("X-Instance", name);
        exchange.sendResponseHeaders(201, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    permits.release(1_000);
    server.stop(0);
    threads.shutdownNow();
  }
}
