package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.connectors.ebay.EbayReads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** eBay's listings through getInventoryItems, its orders through the Fulfillment API. */
class EbayReadsTest extends ReadsAgainstSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EbayReads reads() {
    return new EbayReads(settings(), clock, pacer);
  }

  @Test
  void twoThousandListingsReadBackEqualInPagesOf200() {
    assertListingsReadBack("ebay", reads(), 2_000, 10);
  }

  @Test
  void aThrottledReadStillReturnsEveryListingAndCountsTheRetries() {
    fault("ebay", "THROTTLE", 2);
    assertListingsReadBack("ebay", reads(), 450, 3 + 2);
  }

  @Test
  void aDriftedPageFailsTheReadAfterItsRetries() {
    assertDriftFailsListings("ebay", reads());
  }

  @Test
  void ordersWhoseNotificationsWereDroppedArePolledFromSinceInTheirNotificationEnvelope()
      throws Exception {
    Sold sold = soldAcrossACut("ebay");
    EbayReads reads = reads();
    ConnectorCore core = core(reads);

    List<PolledOrder> polled = reads.ordersSince(core, sold.since());
    List<PolledOrder> again = reads.ordersSince(core, sold.since());

    assertThat(polled).extracting(PolledOrder::orderId).isEqualTo(sold.later());
    assertThat(polled).allSatisfy(o -> assertThat(o.createdAt()).isAfterOrEqualTo(sold.since()));
    JsonNode first = JSON.readTree(polled.get(0).webhookBody());
    assertThat(first.at("/metadata/topic").asText()).isEqualTo("ORDER");
    assertThat(first.at("/notification/data/orderId").asText()).isEqualTo(sold.later().get(0));
    assertThat(first.at("/notification/data/lineItems/0/sku").asText()).isEqualTo("RECON-00004");
    assertThat(first.at("/notification/data/lineItems/0/quantity").asInt()).isEqualTo(2);
    assertThat(first.at("/notification/data/pricingSummary/total/currency").asText())
        .isEqualTo("USD");
    assertThat(first.at("/notification/notificationId").asText())
        .isEqualTo(
            JSON.readTree(again.get(0).webhookBody()).at("/notification/notificationId").asText())
        .isNotEqualTo(
            JSON.readTree(polled.get(1).webhookBody()).at("/notification/notificationId").asText());
    assertThat(core.calls()).as("one page each time").isEqualTo(2);
  }
}
