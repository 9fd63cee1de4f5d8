package com.storewire.localstack.flashsale;

import java.util.List;
import java.util.Map;

/** One side of the comparison: where the buyers buy, and what each channel shows them. */
interface SaleSide extends AutoCloseable {

  /** {@code storewire} or {@code baseline}. */
  String name();

  /** Puts the catalog's stock in place on every channel before the sale opens. */
  void seed();

  /**
   * Places one buyer's order; true when the channel took it, false when it turned the buyer away.
   */
  boolean buy(SalePlan.Purchase purchase) throws Exception;

  /** Units left in the source of truth (on hand less reserved), per SKU asked for. */
  Map<String, Integer> truth(List<String> skus);

  /**
   * The quantity a marketplace's own copy shows buyers for a SKU now (the storefront reads the
   * truth).
   */
  int shown(String channel, String sku);

  /** Injects a fault at the moment the schedule reaches it. */
  void inject(SaleFault fault);

  /** Waits, up to a limit, for what is still in flight to land after the last buyer. */
  void drain();

  /** What this side's run measured, for the report. */
  Map<String, Object> results(SaleLedger ledger);

  @Override
  void close();
}
