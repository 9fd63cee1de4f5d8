package com.storewire.localstack.cloud;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * What stands in front of a Cloud Run service (a Cloud Function gen2 is one), on its own loopback
 * port whose base URL is the service's URL. For a private service it checks the caller as Cloud
 * Run's IAM check does, before anything reaches an instance: a Google-signed ID token in {@code
 * X-Serverless-Authorization} or {@code Authorization: Bearer}, whose audience is the service's
 * URL, for an account holding the invoker role. No token, or a caller who is not an invoker, gets
 * 403; a token that does not verify (another signer, another audience, expired) gets 401, with the
 * bodies Google's front end sends.
 *
 * <p>It then forwards the request unchanged (method, path, query, headers, body; plus {@code
 * X-Forwarded-For} and {@code X-Forwarded-Proto}, which Cloud Run adds; only {@code Host} names the
 * instance, as Java's client sets it) to one of the service's instances, each taking at most {@code
 * concurrency} requests at once: the first with room, as Cloud Run fills an instance before it
 * scales out. When every instance is full a request waits, first come first served, as in Cloud
 * Run's pending queue; one still waiting after the pending timeout gets 429, as Cloud Run answers
 * when it cannot scale out further. Instances can be replaced while it runs ({@link #route}), as
 * Cloud Run replaces a crashed one, and it can start with none: requests wait for the first, as for
 * a cold start.
 */
public final class CloudRunFront implements AutoCloseable {

  /**
   * Cloud Run's pending queue keeps a request for up to about ten seconds (or 3.5 times the
   * instances' average start-up time, if longer) before answering 429.
   */
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofSeconds(10);

  /** Cloud Run's default request timeout; a Cloud Function's is its {@code timeout_seconds}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  // HTTP/1.1: the invoker's Jetty failed the h2c upgrade Java's client tries by default.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final ScheduledExecutorService TIMEOUTS = timeouts();

  static {
    // Without TCP_NODELAY the JDK server waits on delayed ACKs: ~40 ms a small answer. It is read
    // once, when the JVM's first JDK HTTP server starts (the vendor sandbox sets it too).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** Hop-by-hop headers and the ones Java's client sets itself (it refuses them from callers). */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "http2-settings",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final String name;
  private final Access access;
  private final Set<String> audiences;
  private final Options options;
  private final LocalGoogle google;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final String baseUrl;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition counted = lock.newCondition();
  private final Map<URI, Slot> everyInstance = new LinkedHashMap<>();
  private final ArrayDeque<Forward> pending = new ArrayDeque<>();
  private List<Slot> instances = List.of();
  private long queued;
  private long throttled;
  private long unauthenticated;
  private long forbidden;
  private long failed;

  private CloudRunFront(String name, Access access, Options options, LocalGoogle google)
      throws IOException {
    this.name = name;
    this.access = access;
    this.options = options;
    this.google = google;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    this.audiences = audiences(baseUrl, options.customAudiences());
    this.handlers =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "cloud-run-front-" + name);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
  }

  /** Fronts {@code instances} with Cloud Run's defaults for everything but the concurrency. */
  public static CloudRunFront start(
      String name, Access access, List<URI> instances, int concurrency, LocalGoogle google) {
    return start(name, access, instances, Options.concurrency(concurrency), google);
  }

  public static CloudRunFront start(
      String name, Access access, List<URI> instances, Options options, LocalGoogle google) {
    try {
      CloudRunFront front = new CloudRunFront(name, access, options, google);
      front.route(instances);
      front.server.start();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the front of " + name, e);
    }
  }

  /** The service's URL, and the audience its callers' tokens must name. */
  public String baseUrl() {
    return baseUrl;
  }

  public String name() {
    return name;
  }

  /**
   * Serves from these instances from now on; an instance in both the old and new list keeps its
   * requests in flight, and requests already sent to a dropped one finish there.
   */
  public void route(List<URI> newInstances) {
    List<Forward> dispatch = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    lock.lock();
    try {
      for (URI uri : newInstances) {
        slots.add(everyInstance.computeIfAbsent(uri, Slot::new));
      }
      instances = List.copyOf(slots);
      Slot free;
      while (!pending.isEmpty() && (free = freeInstance()) != null) {
        take(free);
        dispatch.add(pending.poll().to(free));
      }
    } finally {
      lock.unlock();
    }
    dispatch.forEach(this::send);
  }

  /** Requests forwarded to each instance so far, and the refusals, counted since the start. */
  public Stats stats() {
    lock.lock();
    try {
      Map<URI, Long> forwarded = new LinkedHashMap<>();
      Map<URI, Integer> peak = new LinkedHashMap<>();
      everyInstance.forEach(
          (uri, slot) -> {
            forwarded.put(uri, slot.forwarded);
            peak.put(uri, slot.peakInFlight);
          });
      return new Stats(
          forwarded, peak, queued, pending.size(), throttled, unauthenticated, forbidden, failed);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the counts satisfy {@code condition}; false if they did not in time. */
  public boolean awaitStats(Predicate<Stats> condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    lock.lock();
    try {
      while (!condition.test(stats())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        counted.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void handle(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!admitted(exchange)) {
        return;
      }
      Forward forward = new Forward(exchange, body);
      Slot slot;
      lock.lock();
      try {
        slot = freeInstance();
        if (slot == null) {
          forward.timeout =
              TIMEOUTS.schedule(
                  () -> expire(forward), options.pendingTimeout().toNanos(), TimeUnit.NANOSECONDS);
          pending.add(forward);
          queued++;
          counted.signalAll();
          return;
        }
        take(slot);
      } finally {
        lock.unlock();
      }
      send(forward.to(slot));
    } catch (IOException | RuntimeException e) {
      exchange.close();
    }
  }

  /** Cloud Run's IAM check; answers the refusal itself and returns false when it refuses. */
  private boolean admitted(HttpExchange exchange) throws IOException {
    if (access.allUsers()) {
      return true;
    }
    Headers headers = exchange.getRequestHeaders();
    String authorization = headers.getFirst("X-Serverless-Authorization");
    if (authorization == null) {
      authorization = headers.getFirst("Authorization");
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(exchange, 403);
      return false;
    }
    LocalGoogle.Caller caller;
    try {
      caller = google.verify(authorization.substring(7).trim());
    } catch (LocalGoogle.InvalidToken e) {
      refuse(exchange, 401);
      return false;
    }
    if (!audiences.contains(caller.audience())) {
      refuse(exchange, 401);
      return false;
    }
    if (!access.admits(caller.email())) {
      refuse(exchange, 403);
      return false;
    }
    return true;
  }

  /**
   * The first instance with room, in the order they were started; null if all are full. Cloud Run
   * fills an instance up to its concurrency before it scales out, so a quiet service keeps one warm
   * instance busy and its other instances stay idle (and, locally, cold).
   */
  private Slot freeInstance() {
    for (Slot slot : instances) {
      if (slot.inFlight < options.concurrency()) {
        return slot;
      }
    }
    return null;
  }

  /** Takes a slot of an instance for a request; under the lock. */
  private void take(Slot slot) {
    slot.inFlight++;
    slot.forwarded++;
    slot.peakInFlight = Math.max(slot.peakInFlight, slot.inFlight);
    counted.signalAll();
  }

  private void send(Forward forward) {
    if (forward.timeout != null) {
      forward.timeout.cancel(false); // it waited, and its wait is over
    }
    send(forward, 3);
  }

  private void send(Forward forward, int attempts) {
    HttpRequest request;
    try {
      request = forward.request(options.requestTimeout());
    } catch (RuntimeException e) {
      answer(forward.exchange, 400, "text/html; charset=UTF-8", errorPage(400, "Bad Request"));
      release(forward.slot);
      return;
    }
    HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, error) -> {
              if (response == null && attempts > 1 && closedBeforeReading(error)) {
                send(forward, attempts - 1); // in the same slot, on another connection
                return;
              }
              try {
                if (response != null) {
                  relay(forward.exchange, response);
                } else {
                  lock.lock();
                  try {
                    failed++;
                    counted.signalAll();
                  } finally {
                    lock.unlock();
                  }
                  boolean timedOut =
                      error instanceof HttpTimeoutException
                          || error.getCause() instanceof HttpTimeoutException;
                  answer(
                      forward.exchange,
                      timedOut ? 504 : 503,
                      "text/plain; charset=UTF-8",
                      (timedOut ? "upstream request timeout" : "Service Unavailable")
                          .getBytes(StandardCharsets.UTF_8));
                }
              } finally {
                release(forward.slot);
              }
            });
  }

  /**
   * Whether the instance closed a kept-alive connection without a byte of answer: the invoker's
   * Jetty sometimes closes one after answering, without saying so, when a request's body arrived
   * after its headers (as Java's client sends them); the next request on it is never read, so
   * sending it again on another connection is safe.
   */
  private static boolean closedBeforeReading(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("received no bytes")) {
        return true;
      }
    }
    return false;
  }

  /** A finished request frees its slot, for the oldest waiting request if one waits. */
  private void release(Slot slot) {
    Forward next = null;
    lock.lock();
    try {
      slot.inFlight--;
      if (!pending.isEmpty() && instances.contains(slot)) {
        take(slot);
        next = pending.poll().to(slot);
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      send(next);
    }
  }

  private void expire(Forward forward) {
    lock.lock();
    try {
      if (!pending.remove(forward)) {
        return; // an instance took it just in time
      }
      throttled++;
      counted.signalAll();
    } finally {
      lock.unlock();
    }
    answer(
        forward.exchange,
        429,
        "text/plain; charset=UTF-8",
        "Rate exceeded.".getBytes(StandardCharsets.UTF_8));
  }

  private void refuse(HttpExchange exchange, int status) {
    lock.lock();
    try {
      if (status == 401) {
        unauthenticated++;
      } else {
        forbidden++;
      }
      counted.signalAll();
    } finally {
      lock.unlock();
    }
    String path = escape(exchange.getRequestURI().getRawPath());
    byte[] page;
    if (status == 401) {
      exchange
          .getResponseHeaders()
          .set(
              "WWW-Authenticate",
              "Bearer error=\"invalid_token\" error_description=\"The access token could not be"
                  + " verified\"");
      page =
          errorPage(
              401,
              "Unauthorized",
              "Your client does not have permission to the requested URL <code>"
                  + path
                  + "</code>.");
    } else {
      page =
          errorPage(
              403,
              "Forbidden",
              "Your client does not have permission to get URL <code>"
                  + path
                  + "</code> from this server.");
    }
    answer(exchange, status, "text/html; charset=UTF-8", page);
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) {
    Headers out = exchange.getResponseHeaders();
    response
        .headers()
        .map()
        .forEach(
            (header, values) -> {
              if (!header.startsWith(":")
                  && !NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT))) {
                out.put(header, values);
              }
            });
    answer(exchange, response.statusCode(), null, response.body());
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body) {
    try (exchange) {
      if (type != null) {
        exchange.getResponseHeaders().set("Content-Type", type);
      }
      boolean bodiless =
          body.length == 0
              || status == 204
              || status == 304
              || exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, bodiless ? -1 : body.length);
      if (!bodiless) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException gone) {
      // the caller hung up; nothing to tell it
    }
  }

  private static byte[] errorPage(int status, String title) {
    return errorPage(status, title, "");
  }

  /** The HTML Google's front end answers its refusals with. */
  private static byte[] errorPage(int status, String title, String detail) {
    String page =
        "<html><head>\n"
            + "<meta http-equiv=\"content-type\" content=\"text/html;charset=utf-8\">\n"
            + "<title>"
            + status
            + " "
            + title
            + "</title>\n"
            + "</head>\n"
            + "<body text=#000000 bgcolor=#ffffff>\n"
            + "<h1>Error: "
            + title
            + "</h1>\n"
            + "<h2>"
            + detail
            + "</h2>\n"
            + "<h2></h2>\n"
            + "</body></html>\n";
    return page.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The service URL, with and without a trailing slash, and any custom audiences. */
  private static Set<String> audiences(String baseUrl, List<String> customAudiences) {
    List<String> audiences = new ArrayList<>(List.of(baseUrl, baseUrl + "/"));
    audiences.addAll(customAudiences);
    return Set.copyOf(audiences);
  }

  private static ScheduledExecutorService timeouts() {
    ScheduledThreadPoolExecutor timeouts =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "cloud-run-front-pending-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    timeouts.setRemoveOnCancelPolicy(true);
    return timeouts;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    List<Forward> waiting;
    lock.lock();
    try {
      waiting = new ArrayList<>(pending);
      pending.clear();
    } finally {
      lock.unlock();
    }
    waiting.forEach(
        forward -> {
          forward.timeout.cancel(false);
          forward.exchange.close();
        });
  }

  /**
   * How a service is run: requests per instance at once ({@code max_instance_request_concurrency}),
   * how long a request may wait for a free instance before 429, how long an instance may take to
   * answer before 504, and audiences accepted besides the service URL (Cloud Run's custom
   * audiences).
   */
  public record Options(
      int concurrency,
      Duration pendingTimeout,
      Duration requestTimeout,
      List<String> customAudiences) {

    public Options {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
      }
      customAudiences = List.copyOf(customAudiences);
    }

    public static Options concurrency(int concurrency) {
      return new Options(concurrency, DEFAULT_PENDING_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, List.of());
    }

    public Options withPendingTimeout(Duration timeout) {
      return new Options(concurrency, timeout, requestTimeout, customAudiences);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(concurrency, pendingTimeout, timeout, customAudiences);
    }

    public Options withCustomAudiences(List<String> audiences) {
      return new Options(concurrency, pendingTimeout, requestTimeout, audiences);
    }
  }

  /**
   * Counts since the start: requests forwarded to each instance and the most each had in flight at
   * once; requests that had to wait for a free instance, and those waiting now; 429s after the
   * wait, 401s and 403s of the identity check, and requests whose instance never answered (503,
   * 504).
   */
  public record Stats(
      Map<URI, Long> forwarded,
      Map<URI, Integer> peakInFlight,
      long queued,
      int waiting,
      long throttled,
      long unauthenticated,
      long forbidden,
      long failed) {

    public long forwardedTotal() {
      return forwarded.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** An instance and what it is doing; guarded by the front's lock. */
  private static final class Slot {
    final URI uri;
    final String base;
    int inFlight;
    int peakInFlight;
    long forwarded;

    Slot(URI uri) {
      this.uri = uri;
      String text = uri.toString();
      this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
  }

  /** A request on its way to an instance. */
  private static final class Forward {
    final HttpExchange exchange;
    final byte[] body;
    Slot slot;
    ScheduledFuture<?> timeout;

    Forward(HttpExchange exchange, byte[] body) {
      this.exchange = exchange;
      this.body = body;
    }

    Forward to(Slot slot) {
      this.slot = slot;
      return this;
    }

    HttpRequest request(Duration timeout) {
      URI target = exchange.getRequestURI();
      String query = target.getRawQuery();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(slot.base + target.getRawPath() + (query == null ? "" : "?" + query)))
              .timeout(timeout)
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (header, values) -> {
                if (!NOT_FORWARDED.contains(header.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(header, value));
                }
              });
      String client = exchange.getRemoteAddress().getAddress().getHostAddress();
      String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
      request.setHeader(
          "X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
      request.setHeader("X-Forwarded-Proto", "http");
      return request.build();
    }
  }
}
