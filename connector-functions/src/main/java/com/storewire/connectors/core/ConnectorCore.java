package com.storewire.connectors.core;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The part every connector shares: a call gets a fresh token, waits for the vendor's pacing,
 * retries with exponential backoff and jitter only when the failure is retryable, refreshes the
 * token once on an auth failure, and otherwise hands the classified failure back. A call that
 * succeeded only after failures is reported to {@link Recoveries}: a fault the connector got over
 * by itself (an expired token, a throttle storm, a 5xx burst) is still a fault someone must see.
 */
public final class ConnectorCore {

  /** How a call ended when it did not succeed, with the attempts it took. */
  public static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final VendorFailure failure;
    private final int attempts;

    Exhausted(VendorFailure failure, int attempts) {
      super(failure.getMessage(), failure);
      this.failure = failure;
      this.attempts = attempts;
    }

    public VendorFailure failure() {
      return failure;
    }

    public int attempts() {
      return attempts;
    }
  }

  /** Told of every call that succeeded after failing: the last failure and the attempts taken. */
  @FunctionalInterface
  public interface Recoveries {
    void recovered(VendorFailure lastFailure, int attempts);
  }

  private final AccessToken token;
  private final Pacer pacer;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Recoveries recoveries;
  private final AtomicLong calls = new AtomicLong();

  public ConnectorCore(
      AccessToken token,
      Pacer pacer,
      int maxAttempts,
      Duration firstBackoff,
      Recoveries recoveries) {
    this.token = token;
    this.pacer = pacer;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.recoveries = recoveries;
  }

  /** Attempts made through this core so far, retries included: what the vendor's quota saw. */
  public long calls() {
    return calls.get();
  }

  /** Runs {@code call} with the current access token under the policy above. */
  public <R> R call(Function<String, R> call) {
    AtomicBoolean refreshed = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<VendorFailure> lastFailure = new AtomicReference<>();
    RetryPolicy<R> policy =
        RetryPolicy.<R>builder()
            .handleIf(
                failure ->
                    failure instanceof VendorFailure vendor
                        && (vendor.kind() == VendorFailure.Kind.RETRYABLE
                            || (vendor.kind() == VendorFailure.Kind.AUTH && !refreshed.get())))
            .withBackoff(firstBackoff, firstBackoff.multipliedBy(32))
            .withJitter(0.25)
            .withMaxAttempts(maxAttempts)
            .onFailedAttempt(
                attempt -> {
                  if (attempt.getLastException() instanceof VendorFailure vendor) {
                    lastFailure.set(vendor);
                    if (vendor.kind() == VendorFailure.Kind.AUTH) {
                      refreshed.set(true);
                      token.invalidate();
                    }
                    if (vendor.retryAfter() != null) {
                      pacer.pauseFor(vendor.retryAfter());
                    }
                  }
                })
            .build();
    try {
      R result =
          Failsafe.with(policy)
              .get(
                  () -> {
                    attempts.incrementAndGet();
                    calls.incrementAndGet();
                    pacer.await();
                    return call.apply(token.value());
                  });
      if (lastFailure.get() != null) {
        recoveries.recovered(lastFailure.get(), attempts.get());
      }
      return result;
    } catch (VendorFailure failure) {
      throw new Exhausted(failure, attempts.get());
    } catch (FailsafeException wrapped) {
      if (wrapped.getCause() instanceof VendorFailure failure) {
        throw new Exhausted(failure, attempts.get());
      }
      throw wrapped;
    }
  }
}
