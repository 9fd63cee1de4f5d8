package com.storewire.connectors.core;

import com.storewire.events.SystemId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What reconciliation reads from one marketplace: its whole copy of stock and the orders it took,
 * each through the vendor's bulk or paged read. Every vendor call goes through the {@link
 * ConnectorCore} it is given, so a read is paced, retried and re-authenticated exactly as the stock
 * connectors' writes are; nothing here writes to the vendor.
 */
public interface MarketplaceReads {

  SystemId vendor();

  /** The sales channel, as in AvailabilityChanged ({@code shopify}, {@code amazon}, …). */
  String channel();

  /** A fresh access token, for the core's {@link AccessToken}. */
  AccessToken.Issued refresh();

  /**
   * Every listing the marketplace holds: SKU → the quantity it shows buyers, read with the vendor's
   * bulk read (a bulk operation, a report, or the largest pages it allows).
   */
  Map<String, Integer> listings(ConnectorCore calls);

  /**
   * Orders created at or after {@code since}, oldest first, each as the body the marketplace's
   * order webhook carries, so order intake reads a recovered order exactly as a delivered one.
   */
  List<PolledOrder> ordersSince(ConnectorCore calls, Instant since);

  /**
   * One polled order.
   *
   * @param orderId the marketplace's own order id (order intake's is {@code channel-orderId})
   * @param createdAt when the buyer placed it, for the next poll's watermark
   * @param webhookBody the order in the vendor's webhook payload shape
   */
  record PolledOrder(String orderId, Instant createdAt, byte[] webhookBody) {}
}
