package com.storewire.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.connectors.amazon.AmazonReads;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads.PolledOrder;
import com.storewire.connectors.core.VendorFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Amazon's listings through the listings report, and its orders through the Orders API. */
class AmazonReadsTest extends ReadsAgainstSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** createReport, two getReport polls, getReportDocument, the file. */
  private static final int REPORT_CALLS = 5;

  private AmazonReads reads() {
    return new AmazonReads(settings(), clock, pacer);
  }

  @Test
  void twoThousandListingsReadBackEqualFromOneReportInAHandfulOfCalls() {
    assertListingsReadBack("amazon", reads(), 2_000, REPORT_CALLS);
    assertThat(sandbox.imitation("amazon").requests()).as("the token exchange too").isEqualTo(6);
  }

  @Test
  void aThrottledReadStillReturnsEveryListingAndCountsTheRetries() {
    fault("amazon", "THROTTLE", 3);
    assertListingsReadBack("amazon", reads(), 300, REPORT_CALLS + 3);
  }

  @Test
  void aFatalReportFailsTheReadInsteadOfReturningPartOfIt() {
    seed("amazon", 10);
    admin("POST", "/amazon/fatal-reports", "{\"count\":1}");
    AmazonReads reads = reads();

    assertThatThrownBy(() -> reads.listings(core(reads)))
        .isInstanceOfSatisfying(
            ConnectorCore.Exhausted.class,
            e -> {
              assertThat(e.failure().kind()).isEqualTo(VendorFailure.Kind.PERMANENT);
              assertThat(e.getMessage()).contains("FATAL");
            });
  }

  @Test
  void aDriftedAnswerFailsTheReadAfterItsRetries() {
    assertDriftFailsListings("amazon", reads());
  }

  @Test
  void ordersWhoseNotificationsWereDroppedArePolledFromSinceAsOrderChangeEvents() throws Exception {
    Sold sold = soldAcrossACut("amazon");
    AmazonReads reads = reads();
    ConnectorCore core = core(reads);

    List<PolledOrder> polled = reads.ordersSince(core, sold.since());
    List<PolledOrder> again = reads.ordersSince(core, sold.since());

    assertThat(polled).extracting(PolledOrder::orderId).isEqualTo(sold.later());
    assertThat(polled).allSatisfy(o -> assertThat(o.createdAt()).isAfterOrEqualTo(sold.since()));
    JsonNode first = JSON.readTree(polled.get(0).webhookBody());
    assertThat(first.path("detail-type").asText()).isEqualTo("ORDER_CHANGE");
    JsonNode change = first.at("/detail/Payload/OrderChangeNotification");
    assertThat(change.path("AmazonOrderId").asText()).isEqualTo(sold.later().get(0));
    assertThat(change.at("/Summary/MarketplaceId").asText()).isEqualTo("ATVPDKIKX0DER");
    assertThat(change.at("/Summary/OrderStatus").asText()).isEqualTo("Unshipped");
    assertThat(change.at("/Summary/OrderItems/0/SellerSKU").asText()).isEqualTo("RECON-00004");
    assertThat(change.at("/Summary/OrderItems/0/Quantity").asInt()).isEqualTo(2);
    assertThat(first.at("/detail/NotificationMetadata/NotificationId").asText())
        .isEqualTo(
            JSON.readTree(again.get(0).webhookBody())
                .at("/detail/NotificationMetadata/NotificationId")
                .asText())
        .isNotEqualTo(
            JSON.readTree(polled.get(1).webhookBody())
                .at("/detail/NotificationMetadata/NotificationId")
                .asText());
    assertThat(core.calls()).as("getOrders and three getOrderItems, twice").isEqualTo(8);
  }

  @Test
  void pastGetOrderItemsBurstTheThrottledCallWaitsOneTokenOfThePlanAmazonReports() {
    admin("PUT", "/amazon/stock", "{\"BURST-1\":31}");
    for (int i = 0; i < 31; i++) {
      sell("amazon", "BURST-1", 1);
    }
    AmazonReads reads = reads();
    ConnectorCore core = core(reads);
    long start = System.nanoTime();

    List<PolledOrder> polled = reads.ordersSince(core, Instant.EPOCH);

    assertThat(polled).hasSize(31);
    assertThat(core.calls()).as("getOrders, 31 getOrderItems, one of them again").isEqualTo(33);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("x-amzn-RateLimit-Limit: 0.5 is a token every 2 s")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }
}
