package com.storewire.dataflow.normalise;

import com.storewire.events.SystemId;
import java.util.List;
import java.util.Optional;

/** Every vendor shape Storewire normalises, one parser each, found by vendor and topic. */
final class VendorParsers {

  static final List<VendorParser> ALL =
      List.of(
          new ShopifyOrderParser(),
          new ShopifyInventoryLevelParser(),
          new WooCommerceOrderParser(),
          new EbayOrderParser(),
          new AmazonOrderParser(),
          new ShipStationShipNotifyParser(),
          new LogiwaInventoryChangeParser());

  private VendorParsers() {}

  static Optional<VendorParser> forTopic(SystemId vendor, String vendorTopic) {
    return ALL.stream()
        .filter(p -> p.vendor() == vendor && p.vendorTopic().equals(vendorTopic))
        .findFirst();
  }
}
