package com.storewire.connectors.logiwa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.Batcher;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.ConnectorFunction;
import com.storewire.connectors.core.InstanceShare;
import com.storewire.connectors.core.ItemFailure;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorLimit;
import com.storewire.events.Address;
import com.storewire.events.Event;
import com.storewire.events.OrderLine;
import com.storewire.events.OrderPlaced;
import com.storewire.events.SystemId;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OrderPlaced → Logiwa shipment (sales) orders, up to 50 in one {@code InsertShipmentOrder}: the
 * Standard plan allows 1 request/s, which a flash sale outruns order by order. Logiwa refuses a
 * call as a whole when one order in it is bad, and documents no idempotency; so when a batch is
 * refused its orders go one at a time, each looked up by its code (our order id) first, so that a
 * redelivered order already in the WMS does nothing. An order refused on its own ({@code
 * "Success":false}, e.g. an item the WMS does not stock) is permanent: it is compensated —
 * cancelled and its stock released by order intake — and alerted.
 */
public final class LogiwaOrderFunction extends ConnectorFunction {

  /** Orders Logiwa takes in one InsertShipmentOrder. */
  static final int MAX_ORDERS = 50;

  private static final int REMEMBERED = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LogiwaApi api;
  private final ConnectorCore core;
  private final Batcher<Event> batcher = new Batcher<>(MAX_ORDERS, this::insertAll);

  /** Order ids this instance put into Logiwa, the most recent {@link #REMEMBERED} of them. */
  private final Map<String, Boolean> inserted =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  /**
   * What the Functions runtime calls: configuration from the environment (Secret Manager in Google
   * Cloud).
   */
  public LogiwaOrderFunction() {
    this(System.getenv(), Clock.systemUTC());
  }

  LogiwaOrderFunction(Map<String, String> env, Clock clock) {
    this(
        env,
        clock,
        new LogiwaApi(
            env.get("LOGIWA_BASE_URL"),
            env.get("LOGIWA_USERNAME"),
            env.get("LOGIWA_PASSWORD"),
            InstanceShare.fromEnv(env)
                .budget(VendorLimit.logiwa(env.getOrDefault("LOGIWA_PLAN", "STANDARD")), clock),
            clock));
  }

  private LogiwaOrderFunction(Map<String, String> env, Clock clock, LogiwaApi api) {
    super(SystemId.LOGIWA, "InsertShipmentOrder", "orders--logiwa", env);
    this.api = api;
    this.core = newCore(new AccessToken(api::token, clock), new Pacer(clock), env);
  }

  @Override
  protected ItemFailure deliver(Event event) throws Exception {
    if (!(event.getData() instanceof OrderPlaced)) {
      return null;
    }
    return batcher.submit(event).get(5, TimeUnit.MINUTES);
  }

  @Override
  protected String compensatedOrder(Event event) {
    return ((OrderPlaced) event.getData()).getOrderId();
  }

  /**
   * The batch in one call; if Logiwa refuses it, each order on its own. An order redelivered while
   * its first delivery waits in the same batch is sent once, and one this instance has inserted
   * already is not sent again: either would make Logiwa refuse the whole batch.
   */
  private Map<Event, ItemFailure> insertAll(List<Event> batch) {
    Map<Event, ItemFailure> failures = new HashMap<>();
    Map<String, Event> byOrder = new LinkedHashMap<>();
    synchronized (inserted) {
      for (Event event : batch) {
        String orderId = ((OrderPlaced) event.getData()).getOrderId();
        if (!inserted.containsKey(orderId)) {
          byOrder.putIfAbsent(orderId, event);
        }
      }
    }
    List<Event> events = List.copyOf(byOrder.values());
    if (events.isEmpty()) {
      return failures;
    }
    try {
      core.call(
          token -> {
            ArrayNode orders = JSON.createArrayNode();
            events.forEach(event -> orders.add(shipmentOrder(event)));
            return api.call(token, "InsertShipmentOrder", orders);
          });
      remember(byOrder.keySet());
    } catch (ConnectorCore.Exhausted exhausted) {
      if (exhausted.failure().kind() != VendorFailure.Kind.PERMANENT) {
        events.forEach(
            e -> failures.put(e, new ItemFailure(exhausted.failure(), exhausted.attempts())));
        return failures;
      }
      for (Event event : events) {
        ItemFailure failure = insertOne(event);
        if (failure != null) {
          failures.put(event, failure);
        } else {
          remember(List.of(((OrderPlaced) event.getData()).getOrderId()));
        }
      }
    }
    // A duplicate in the batch shares its order's outcome.
    for (Event event : batch) {
      Event sent = byOrder.get(((OrderPlaced) event.getData()).getOrderId());
      if (sent != null && sent != event && failures.containsKey(sent)) {
        failures.put(event, failures.get(sent));
      }
    }
    return failures;
  }

  private void remember(java.util.Collection<String> orderIds) {
    synchronized (inserted) {
      orderIds.forEach(id -> inserted.put(id, Boolean.TRUE));
    }
  }

  /** One order, unless the WMS has it already (a redelivery, or part of a refused batch). */
  private ItemFailure insertOne(Event event) {
    OrderPlaced order = (OrderPlaced) event.getData();
    try {
      core.call(
          token -> {
            ObjectNode search = JSON.createObjectNode().put("Code", order.getOrderId());
            if (api.call(token, "WarehouseOrderSearch", search).path("Data").size() == 0) {
              api.call(
                  token, "InsertShipmentOrder", JSON.createArrayNode().add(shipmentOrder(event)));
            }
            return null;
          });
      return null;
    } catch (ConnectorCore.Exhausted exhausted) {
      return new ItemFailure(exhausted.failure(), exhausted.attempts());
    }
  }

  private static ObjectNode shipmentOrder(Event event) {
    OrderPlaced order = (OrderPlaced) event.getData();
    ObjectNode shipment =
        JSON.createObjectNode()
            .put("Code", order.getOrderId())
            .put("CustomerOrderNo", order.getOrderId())
            .put("Channel", order.getChannel())
            .put("OrderDate", event.getTime().toString());
    Address shipTo = order.getShipTo();
    if (shipTo != null) {
      shipment
          .putObject("ShipmentAddress")
          .put("Name", shipTo.getName())
          .put("AddressText", shipTo.getLine1())
          .put("City", shipTo.getCity())
          .put("State", shipTo.getRegion())
          .put("PostalCode", shipTo.getPostalCode())
          .put("Country", shipTo.getCountryCode());
    }
    ArrayNode details = shipment.putArray("Details");
    for (OrderLine line : order.getLines()) {
      details
          .addObject()
          .put("InventoryItemCode", line.getSku())
          .put("PackQuantity", line.getQuantity());
    }
    return shipment;
  }

  @Override
  public void close() throws InterruptedException {
    batcher.close();
    super.close();
  }
}
