package com.storewire.reconciliation.stock;

import com.storewire.events.DriftKind;

/** How a marketplace's copy of one SKU differs from the truth. */
public enum DifferenceKind {
  /** The truth moved within the propagation window: the update is on its way; left alone. */
  STALE(null),
  /** Wrong and not in flight: the truth is republished for the channel's connector to write. */
  DRIFT(DriftKind.STOCK_MISMATCH),
  /** Sellable units the marketplace does not list: reported, since listings are the merchant's. */
  MISSING_LISTING(DriftKind.LISTING_MISSING),
  /** A listing Storewire has no stock for: reported, since it may sell what does not exist. */
  UNKNOWN_LISTING(DriftKind.LISTING_UNKNOWN);

  private final DriftKind driftKind;

  DifferenceKind(DriftKind driftKind) {
    this.driftKind = driftKind;
  }

  /** The DriftDetected kind, or null when the difference is not drift. */
  public DriftKind driftKind() {
    return driftKind;
  }
}
