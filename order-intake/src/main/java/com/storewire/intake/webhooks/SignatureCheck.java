package com.storewire.intake.webhooks;

import io.micronaut.http.HttpHeaders;

/** How a vendor proves a webhook is from it; checked over the raw body before anything else. */
interface SignatureCheck {
  /** Null when genuine, else why not (logged and counted, never echoed in detail). */
  String refusal(byte[] rawBody, HttpHeaders headers);
}
