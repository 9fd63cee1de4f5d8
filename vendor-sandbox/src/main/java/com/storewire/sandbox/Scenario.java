package com.storewire.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.sandbox.core.Faults;
import com.storewire.sandbox.core.Imitation;
import com.storewire.sandbox.core.SandboxServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fault timeline for a run, from a JSON file:
 *
 * <pre>{"faults": [
 *   {"at_seconds": 10, "vendor": "shopify", "kind": "TOKEN_REVOKED"},
 *   {"at_seconds": 20, "vendor": "amazon", "kind": "THROTTLE", "seconds": 15},
 *   {"at_seconds": 30, "vendor": "ebay", "kind": "SERVER_ERROR", "seconds": 5, "probability": 0.7}
 * ]}</pre>
 *
 * Kinds are {@link Faults.Kind} names, plus {@code TOKEN_REVOKED}. With the sandbox's seed, a
 * scenario replays the same faults on the same requests.
 */
public final class Scenario implements AutoCloseable {

  static final String TOKEN_REVOKED = "TOKEN_REVOKED";

  /** One scheduled fault. */
  public record Step(
      double atSeconds,
      String vendor,
      String kind,
      int requests,
      Double seconds,
      double probability,
      long millis) {}

  private final List<Step> steps;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  public Scenario(List<Step> steps) {
    this.steps = steps.stream().sorted(Comparator.comparingDouble(Step::atSeconds)).toList();
  }

  public static Scenario read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : root.path("faults")) {
      steps.add(
          new Step(
              step.path("at_seconds").asDouble(0),
              step.path("vendor").asText(),
              step.path("kind").asText(),
              step.path("requests").asInt(0),
              step.has("seconds") ? step.get("seconds").asDouble() : null,
              step.path("probability").asDouble(1.0),
              step.path("millis").asLong(0)));
    }
    return new Scenario(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  /** Schedules every step against the running sandbox; unknown vendors or kinds fail now. */
  public void start(SandboxServer sandbox) {
    for (Step step : steps) {
      Imitation imitation = sandbox.imitation(step.vendor());
      if (imitation == null) {
        throw new IllegalArgumentException("scenario names unknown vendor " + step.vendor());
      }
      Runnable inject =
          TOKEN_REVOKED.equals(step.kind())
              ? imitation::revokeTokens
              : faultAdder(imitation, step, Faults.Kind.valueOf(step.kind()));
      timer.schedule(inject, (long) (step.atSeconds() * 1000), TimeUnit.MILLISECONDS);
    }
  }

  private static Runnable faultAdder(Imitation imitation, Step step, Faults.Kind kind) {
    Duration duration =
        step.seconds() == null ? null : Duration.ofMillis((long) (step.seconds() * 1000));
    return () ->
        imitation.faults().add(kind, step.requests(), duration, step.probability(), step.millis());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
