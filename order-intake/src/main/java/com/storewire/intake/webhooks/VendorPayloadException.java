package com.storewire.intake.webhooks;

/** A genuine vendor payload we cannot read as an order; it is parked, never dropped. */
final class VendorPayloadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VendorPayloadException(String message) {
    super(message);
  }
}
