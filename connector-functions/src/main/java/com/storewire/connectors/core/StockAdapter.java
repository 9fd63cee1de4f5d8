package com.storewire.connectors.core;

import com.storewire.events.SystemId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a marketplace's stock connector adds to the core: its bulk call and how to read its answer.
 * Nothing about retries, pacing, coalescing or parking belongs here.
 */
public interface StockAdapter {

  SystemId vendor();

  /** The sales channel whose AvailabilityChanged events this adapter applies. */
  String channel();

  /** The vendor operation, for alerts and parked messages. */
  String operation();

  /** The most items the vendor's bulk endpoint takes in one call. */
  int maxBatch();

  /**
   * How long routine updates wait to share a call; a vendor whose bulk endpoint has a tight quota
   * of its own waits longer than the standard window.
   */
  default Duration routineWindow(Duration standard) {
    return standard;
  }

  AccessToken.Issued refresh();

  /**
   * Sets the quantities in one bulk call. Returns the items the vendor refused, each with its
   * classified failure (absent means applied); throws a {@link VendorFailure} when the call as a
   * whole failed.
   */
  Map<String, VendorFailure> apply(String token, List<StockUpdate> batch);
}
