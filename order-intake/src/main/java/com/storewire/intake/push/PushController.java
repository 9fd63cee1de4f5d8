package com.storewire.intake.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.events.AdjustmentReason;
import com.storewire.events.ConnectorAlert;
import com.storewire.events.Event;
import com.storewire.events.EventType;
import com.storewire.events.ReleaseReason;
import com.storewire.events.SafetyStockUpdated;
import com.storewire.events.ShipmentCreated;
import com.storewire.events.StockAdjusted;
import com.storewire.events.codec.EventJson;
import com.storewire.events.codec.FieldError;
import com.storewire.events.codec.InvalidEventException;
import com.storewire.intake.deployment.PrivateRoute;
import com.storewire.intake.orders.OrderFulfilment;
import com.storewire.intake.orders.OrderService;
import com.storewire.intake.outbox.Outbox;
import com.storewire.intake.problem.Problem;
import com.storewire.intake.problem.ProblemException;
import com.storewire.intake.stock.StockStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes from other components, delivered by Pub/Sub push subscriptions: warehouse adjustments,
 * safety stock, shipments, and compensations for orders a vendor refused. Idempotent by event id:
 * the change and its "processed" marker commit together. A message that can never apply answers
 * 400, so Pub/Sub retries it up to the subscription's limit and then dead-letters it.
 */
@Controller("/v1/push")
@ExecuteOn(TaskExecutors.BLOCKING)
@PrivateRoute
public class PushController {

  private static final Logger LOG = LoggerFactory.getLogger(PushController.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROCESSED = "processed_events";

  private final Firestore db;
  private final StockStore stock;
  private final Outbox outbox;
  private final PushAuthenticator auth;
  private final MeterRegistry meters;
  private final OrderService orders;
  private final OrderFulfilment fulfilment;

  public PushController(
      Firestore db,
      StockStore stock,
      Outbox outbox,
      PushAuthenticator auth,
      MeterRegistry meters,
      OrderService orders,
      OrderFulfilment fulfilment) {
    this.orders = orders;
    this.fulfilment = fulfilment;
    this.db = db;
    this.stock = stock;
    this.outbox = outbox;
    this.auth = auth;
    this.meters = meters;
  }

  @Operation(summary = "Pub/Sub push: StockAdjusted from the warehouse and reconciliation")
  @Post(uri = "/stock-adjustments", consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<String> stockAdjusted(
      @Header("Authorization") @Nullable String authorization, @Body byte[] body) {
    Event event = accept(authorization, body, EventType.STOCK_ADJUSTED);
    StockAdjusted adjusted = (StockAdjusted) event.getData();
    return apply(
        event,
        adjusted.getSku(),
        facts -> {
          if (adjusted.getReason() == AdjustmentReason.STOCK_TAKE) {
            facts.onHand = adjusted.getCountedOnHand();
          } else {
            facts.onHand = Math.max(0, facts.onHand + adjusted.getQuantityChange());
          }
        });
  }

  @Operation(summary = "Pub/Sub push: SafetyStockUpdated from the pipelines")
  @Post(uri = "/safety-stock", consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<String> safetyStock(
      @Header("Authorization") @Nullable String authorization, @Body byte[] body) {
    Event event = accept(authorization, body, EventType.SAFETY_STOCK_UPDATED);
    SafetyStockUpdated update = (SafetyStockUpdated) event.getData();
    return apply(event, update.getSku(), facts -> facts.safetyStock = update.getSafetyStock());
  }

  /**
   * A vendor refused for good a side effect an order cannot do without (the WMS or the shipping
   * tool refused it): the order is cancelled and its stock released, so nothing is left half done.
   * Other alerts are only for people and dashboards. Idempotent: a cancelled order stays as it is.
   */
  @Operation(summary = "Pub/Sub push: ConnectorAlert events that ask for an order's compensation")
  @Post(uri = "/compensations", consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<String> compensation(
      @Header("Authorization") @Nullable String authorization, @Body byte[] body) {
    Event event = accept(authorization, body, EventType.CONNECTOR_ALERT);
    ConnectorAlert alert = (ConnectorAlert) event.getData();
    String orderId = alert.getCompensateOrderId();
    if (orderId == null) {
      return HttpResponse.noContent();
    }
    String why =
        alert.getVendor().name().toLowerCase()
            + " refused "
            + alert.getOperation()
            + ": "
            + alert.getDetail();
    boolean known = orders.release(orderId, ReleaseReason.CANCELLED, why).isPresent();
    meters
        .counter(
            "storewire.orders.compensated",
            "vendor",
            alert.getVendor().name().toLowerCase(),
            "outcome",
            known ? "cancelled" : "unknown_order")
        .increment();
    LOG.warn("order compensated order_id={} known={}: {}", orderId, known, why);
    return HttpResponse.noContent();
  }

  /**
   * A shipment left the warehouse: its order's reserved units are consumed (see {@link
   * OrderFulfilment}). A shipment for an unknown order, or for one that holds no stock any more
   * (cancelled, expired), changes nothing and is acknowledged: redelivering it would not help.
   */
  @Operation(summary = "Pub/Sub push: ShipmentCreated from the shipping tool")
  @Post(uri = "/fulfilment", consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<String> fulfilment(
      @Header("Authorization") @Nullable String authorization, @Body byte[] body) {
    Event event = accept(authorization, body, EventType.SHIPMENT_CREATED);
    if (repeated(event)) {
      return HttpResponse.noContent();
    }
    OrderFulfilment.Result result = fulfilment.ship(event, batch -> markProcessed(batch, event));
    String outcome =
        result.outcome() == OrderFulfilment.Outcome.HOLDS_NO_STOCK
            ? "order_" + result.status().name().toLowerCase()
            : result.outcome().name().toLowerCase();
    meters.counter("storewire.orders.fulfilment", "outcome", outcome).increment();
    ShipmentCreated shipment = (ShipmentCreated) event.getData();
    if (result.outcome() == OrderFulfilment.Outcome.FULFILLED
        || result.outcome() == OrderFulfilment.Outcome.PARTLY_FULFILLED) {
      LOG.debug(
          "shipment {} of order {}: {}", shipment.getShipmentId(), shipment.getOrderId(), outcome);
    } else {
      LOG.warn(
          "shipment {} of order {} changed no stock: {}",
          shipment.getShipmentId(),
          shipment.getOrderId(),
          outcome);
    }
    return HttpResponse.noContent();
  }

  private HttpResponse<String> apply(
      Event event, String sku, java.util.function.Consumer<StockStore.SkuFacts> change) {
    if (repeated(event)) {
      return HttpResponse.noContent();
    }
    stock.rewrite(
        sku,
        change,
        batch -> {
          markProcessed(batch, event);
          outbox.availabilityChanged(batch, sku);
        });
    meters.counter("storewire.push.applied", "type", event.getType()).increment();
    return HttpResponse.noContent();
  }

  /** True, and counted, when an event with this id was applied before. */
  private boolean repeated(Event event) {
    if (StockStore.await(marker(event).get()).exists()) {
      meters.counter("storewire.push.duplicates", "type", event.getType()).increment();
      return true;
    }
    return false;
  }

  /** Commits with the change, so the event is applied once. */
  private void markProcessed(WriteBatch batch, Event event) {
    batch.create(
        marker(event),
        Map.of("type", event.getType(), "processed_at", FieldValue.serverTimestamp()));
  }

  private DocumentReference marker(Event event) {
    return db.collection(PROCESSED).document(event.getId());
  }

  private Event accept(@Nullable String authorization, byte[] body, EventType expected) {
    String refusal = auth.refusal(authorization);
    if (refusal != null) {
      meters.counter("storewire.push.unauthorized").increment();
      LOG.warn("push refused: {}", refusal);
      throw new ProblemException(
          Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", refusal));
    }
    try {
      JsonNode push = JSON.readTree(body);
      JsonNode data = push.path("message").path("data");
      if (!data.isTextual()) {
        throw invalid(List.of(new FieldError("message.data", "required: the base64 event")));
      }
      Event event = EventJson.decode(Base64.getDecoder().decode(data.asText()));
      if (!expected.ceType().equals(event.getType())) {
        throw invalid(
            List.of(
                new FieldError(
                    "message.data.type",
                    "expected " + expected.ceType() + ", got " + event.getType())));
      }
      return event;
    } catch (InvalidEventException e) {
      throw invalid(
          e.errors().stream()
              .map(f -> new FieldError("message.data." + f.field(), f.reason()))
              .toList());
    } catch (IOException | IllegalArgumentException e) {
      throw invalid(List.of(new FieldError("$", "not a Pub/Sub push body: " + e.getMessage())));
    }
  }

  private ProblemException invalid(List<FieldError> errors) {
    meters.counter("storewire.push.invalid").increment();
    LOG.warn("push message refused, will dead-letter after retries: {}", errors);
    return new ProblemException(
        Problem.of(
                HttpStatus.BAD_REQUEST,
                "invalid-event",
                "Invalid event",
                "The pushed message is not a valid event.")
            .withErrors(errors));
  }
}
