package com.storewire.intake.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.events.Event;
import com.storewire.events.EventBuilder;
import com.storewire.events.RawVendorPayload;
import com.storewire.intake.deployment.ServedRoutes;
import com.storewire.intake.orders.NewOrder;
import com.storewire.intake.orders.OrderService;
import com.storewire.intake.orders.Placement;
import com.storewire.intake.outbox.Outbox;
import com.storewire.intake.problem.Problem;
import com.storewire.intake.problem.ProblemException;
import com.storewire.intake.stock.Conflicts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A marketplace webhook, from raw bytes to a reserved (or oversold) order. The signature is checked
 * over the raw body first: a forged one is refused with nothing stored. A genuine one is kept whole
 * as a RawVendorPayload event, deduped by the vendor's delivery id, and reserved; a marketplace
 * order was already sold, so it is never refused, only recorded as oversold.
 *
 * <p>A recovered order comes the same way: the reconciliation job polls an order whose webhook was
 * lost and posts it, in the vendor's webhook body shape, to the vendor's endpoint, signed with
 * {@value #RECOVERY_HEADER} (base64 HMAC-SHA256 of the raw body keyed with the recovery secret),
 * since it cannot sign as every vendor (eBay signs with its own ECDSA key). A body carrying that
 * header is checked against the recovery secret only; without it the vendor's check applies. The
 * order's id is {@code channel-orderId} either way, so an order recovered twice, or recovered and
 * then delivered late by the vendor, is reserved once.
 *
 * <p>Vendors deliver to the public deployment, the reconciliation job to the private one (Cloud Run
 * IAM lets it in): the public deployment refuses a recovered order and the private one anything
 * else, so the recovery secret is never an internet-facing credential and the vendors' secrets
 * never reach the private service.
 */
@Singleton
public class WebhookIntake {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DELIVERIES = "webhook_deliveries";

  /** The reconciliation job's signature over a recovered order's raw body. */
  public static final String RECOVERY_HEADER = "X-Storewire-Recovery-Signature";

  private final Map<Marketplace, SignatureCheck> signatures = new EnumMap<>(Marketplace.class);
  private final SignatureCheck recovery;
  private final OrderService orders;
  private final Outbox outbox;
  private final Firestore db;
  private final MeterRegistry meters;

  /**
   * The public deployment checks each vendor's signature and takes no recovered order; the private
   * one takes only recovered orders, so each holds only its own secrets ({@link ServedRoutes} has
   * checked that they are set).
   */
  public WebhookIntake(
      OrderService orders,
      Outbox outbox,
      Firestore db,
      MeterRegistry meters,
      ServedRoutes served,
      @Value("${storewire.webhooks.shopify.secret:}") String shopifySecret,
      @Value("${storewire.webhooks.woocommerce.secret:}") String wooSecret,
      @Value("${storewire.webhooks.amazon.api-key-header:x-storewire-api-key}") String amazonHeader,
      @Value("${storewire.webhooks.amazon.api-key:}") String amazonKey,
      @Value(
              "${storewire.webhooks.ebay.public-key-url:https://api.ebay.com/commerce/notification/v1/public_key/}")
          String ebayKeys,
      @io.micronaut.core.annotation.Nullable EbayApplicationToken ebayTokens,
      @Value("${storewire.webhooks.recovery.secret:}") String recoverySecret) {
    this.orders = orders;
    this.outbox = outbox;
    this.db = db;
    this.meters = meters;
    if (served.isPublic()) {
      signatures.put(
          Marketplace.SHOPIFY, new HmacSignature("X-Shopify-Hmac-Sha256", shopifySecret));
      signatures.put(
          Marketplace.WOOCOMMERCE, new HmacSignature("X-WC-Webhook-Signature", wooSecret));
      signatures.put(Marketplace.AMAZON, new ApiKeySignature(amazonHeader, amazonKey));
      signatures.put(Marketplace.EBAY, new EbaySignature(ebayKeys, ebayTokens));
      this.recovery =
          (body, headers) -> "a recovered order, which only the private deployment takes";
    } else {
      SignatureCheck onlyRecovered =
          (body, headers) ->
              "no " + RECOVERY_HEADER + ": the private deployment takes only recovered orders";
      for (Marketplace marketplace : Marketplace.values()) {
        signatures.put(marketplace, onlyRecovered);
      }
      this.recovery = new HmacSignature(RECOVERY_HEADER, recoverySecret);
    }
  }

  /** What happened to a delivery, for the vendor's 2xx answer. */
  @io.micronaut.serde.annotation.Serdeable
  public record Receipt(
      String status, @com.fasterxml.jackson.annotation.JsonProperty("order_id") String orderId) {}

  public Receipt receive(Marketplace marketplace, byte[] body, HttpHeaders headers) {
    boolean recovered = headers.contains(RECOVERY_HEADER);
    String refusal = (recovered ? recovery : signatures.get(marketplace)).refusal(body, headers);
    if (refusal != null) {
      meters
          .counter(
              "storewire.webhooks.refused",
              "vendor",
              marketplace.channel(),
              "reason",
              recovered ? "recovery_signature" : "signature")
          .increment();
      LOG.warn(
          "refused {} {}: {}",
          marketplace.channel(),
          recovered ? "recovered order" : "webhook",
          refusal);
      throw new ProblemException(
          Problem.of(
              HttpStatus.UNAUTHORIZED,
              "bad-signature",
              "Signature check failed",
              "The webhook's signature did not verify."));
    }
    Instant receivedAt = Instant.now();
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (IOException e) {
      payload = JSON.createObjectNode();
    }
    String deliveryId = marketplace.deliveryId.apply(headers, payload);
    if (deliveryId == null || deliveryId.isBlank()) {
      deliveryId = "sha256-" + sha256(body);
    }
    Event raw = rawPayload(marketplace, body, headers, deliveryId, receivedAt);
    NewOrder.DedupeKey dedupe =
        new NewOrder.DedupeKey(
            DELIVERIES,
            marketplace.channel() + ":" + sha256(deliveryId.getBytes(StandardCharsets.UTF_8)),
            sha256(body));
    MarketplaceOrder order;
    try {
      order = marketplace.parse.apply(payload);
    } catch (VendorPayloadException e) {
      return park(marketplace, raw, dedupe, e.getMessage());
    }
    // A recovered order is counted apart from the vendor's deliveries: it measures lost webhooks.
    meters
        .counter(
            recovered ? "storewire.webhooks.recovered" : "storewire.webhooks.received",
            "vendor",
            marketplace.channel())
        .increment();
    Placement placement =
        orders.place(
            new NewOrder(
                marketplace.channel() + "-" + order.channelOrderId(),
                marketplace.channel(),
                order.channelOrderId(),
                order.lines(),
                order.total(),
                order.customerEmail() != null && order.customerEmail().contains("@")
                    ? order.customerEmail()
                    : null,
                order.shipTo(),
                true,
                dedupe,
                raw),
            view -> new Placement.StoredResponse(200, view.status().name(), dedupe.fingerprint()));
    if (placement.repeat()) {
      meters.counter("storewire.webhooks.duplicates", "vendor", marketplace.channel()).increment();
      return new Receipt("duplicate", placement.orderId());
    }
    return new Receipt(placement.status().name().toLowerCase(), placement.orderId());
  }

  /** Keeps a genuine payload that is not an order we can reserve, for normalisation and replay. */
  private Receipt park(Marketplace marketplace, Event raw, NewOrder.DedupeKey dedupe, String why) {
    meters.counter("storewire.webhooks.parked", "vendor", marketplace.channel()).increment();
    LOG.warn("parked {} webhook {}: {}", marketplace.channel(), raw.getId(), why);
    WriteBatch batch = db.batch();
    batch.create(
        db.collection(dedupe.collection()).document(dedupe.id()),
        Map.of(
            "parked",
            why,
            "fingerprint",
            dedupe.fingerprint(),
            "created_at",
            FieldValue.serverTimestamp()));
    outbox.add(batch, raw);
    try {
      batch.commit().get();
    } catch (ExecutionException e) {
      if (!Conflicts.isAlreadyExists(e)) {
        throw new IllegalStateException("parking a webhook failed", e.getCause());
      }
      return new Receipt("duplicate", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return new Receipt("parked", null);
  }

  private static Event rawPayload(
      Marketplace marketplace,
      byte[] body,
      HttpHeaders headers,
      String deliveryId,
      Instant receivedAt) {
    return EventBuilder.of(
            RawVendorPayload.newBuilder()
                .setVendor(marketplace.vendor)
                .setVendorTopic(marketplace.vendorTopic)
                .setVendorEventId(deliveryId)
                .setReceivedAt(receivedAt)
                .setSignatureVerified(true)
                .setContentType(headers.getContentType().orElse("application/json"))
                .setBody(ByteBuffer.wrap(body))
                .build())
        .id(
            "raw-"
                + marketplace.channel()
                + "-"
                + sha256(deliveryId.getBytes(StandardCharsets.UTF_8)).substring(0, 32))
        .source("//storewire/order-intake/webhooks/" + marketplace.channel())
        .time(receivedAt)
        .build();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
