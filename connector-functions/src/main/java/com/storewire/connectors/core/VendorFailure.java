package com.storewire.connectors.core;

import com.storewire.events.ConnectorAlertReason;
import java.time.Duration;

/**
 * A vendor call that failed, classified by the adapter: worth retrying, an auth problem a token
 * refresh may fix, or permanent (the vendor refused for good and will refuse again).
 */
public final class VendorFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    RETRYABLE,
    AUTH,
    PERMANENT
  }

  private final Kind kind;
  private final ConnectorAlertReason reason;
  private final Integer httpStatus;
  private final transient Duration retryAfter;

  public VendorFailure(
      Kind kind,
      ConnectorAlertReason reason,
      Integer httpStatus,
      Duration retryAfter,
      String detail) {
    super(detail);
    this.kind = kind;
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  public static VendorFailure retryable(
      ConnectorAlertReason reason, Integer status, Duration retryAfter, String detail) {
    return new VendorFailure(Kind.RETRYABLE, reason, status, retryAfter, detail);
  }

  /**
   * An answer that lacks what the vendor documents (schema drift): never taken for success, and
   * retried, since a vendor's deploy is often rolled back; past the retries it is parked and
   * alerted.
   */
  public static VendorFailure unexpected(Integer status, String detail) {
    return new VendorFailure(
        Kind.RETRYABLE,
        ConnectorAlertReason.UNAVAILABLE,
        status,
        null,
        "unexpected answer: " + detail);
  }

  public static VendorFailure auth(Integer status, String detail) {
    return new VendorFailure(Kind.AUTH, ConnectorAlertReason.AUTH_EXPIRED, status, null, detail);
  }

  public static VendorFailure permanent(Integer status, String detail) {
    return new VendorFailure(Kind.PERMANENT, ConnectorAlertReason.REJECTED, status, null, detail);
  }

  public Kind kind() {
    return kind;
  }

  public ConnectorAlertReason reason() {
    return reason;
  }

  public Integer httpStatus() {
    return httpStatus;
  }

  /** How long the vendor asked us to wait, if it said. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
