package com.storewire.connectors.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.SystemId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * What reconciliation reads from eBay, a page a call of the core, 200 a page (the most both methods
 * allow):
 *
 * <ul>
 *   <li>listings: getInventoryItems, each item's ship-to-location quantity (its {@code offset} is a
 *       page number, so the pages are followed by their {@code next} links);
 *   <li>orders: the Fulfillment API's getOrders with {@code filter=creationdate:[since..]}, each
 *       order wrapped in the Notification API envelope its webhook carries. The notification id is
 *       derived from the order id, so recovering an order twice delivers the same notification
 *       twice, which order intake drops as a duplicate.
 * </ul>
 *
 * Pages are offsets into a list that may change while it is read: a SKU or order seen twice counts
 * once, and a read that ends with fewer than the first page's {@code total} missed something and
 * fails rather than return part of the list.
 */
public final class EbayReads implements MarketplaceReads {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 200;
  private static final DateTimeFormatter EBAY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final EbaySellApi api;

  /**
   * The stock function's settings (EBAY_BASE_URL, EBAY_CLIENT_ID, …). The pacer is the core's:
   * eBay's throttle carries Retry-After, which the core follows, so nothing here paces on its own.
   */
  public EbayReads(Map<String, String> env, Clock clock, Pacer pacer) {
    this.api = new EbaySellApi(env, clock);
  }

  @Override
  public SystemId vendor() {
    return SystemId.EBAY;
  }

  @Override
  public String channel() {
    return "ebay";
  }

  @Override
  public AccessToken.Issued refresh() {
    return api.refresh();
  }

  @Override
  public Map<String, Integer> listings(ConnectorCore calls) {
    Map<String, Integer> listings = new TreeMap<>();
    all(calls, "/sell/inventory/v1/inventory_item", "offset=0", "inventoryItems", EbayReads::sku)
        .forEach((sku, item) -> listings.put(sku, quantity(item).asInt()));
    return listings;
  }

  @Override
  public List<PolledOrder> ordersSince(ConnectorCore calls, Instant since) {
    String filter = "creationdate:[" + EBAY_TIME.format(since) + "..]";
    List<PolledOrder> polled = new ArrayList<>();
    all(
            calls,
            "/sell/fulfillment/v1/order",
            "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8) + "&offset=0",
            "orders",
            EbayReads::orderId)
        .forEach(
            (orderId, order) -> {
              Instant createdAt = Instant.parse(order.path("creationDate").asText());
              if (!createdAt.isBefore(since)) {
                polled.add(new PolledOrder(orderId, createdAt, notification(orderId, order)));
              }
            });
    polled.sort(Comparator.comparing(PolledOrder::createdAt));
    return polled;
  }

  /**
   * Every element of a paged list by its key, following {@code next} from the first page; {@code
   * key} rejects an element without what the caller needs.
   */
  private Map<String, JsonNode> all(
      ConnectorCore calls,
      String path,
      String firstQuery,
      String list,
      Function<JsonNode, String> key) {
    Map<String, JsonNode> elements = new LinkedHashMap<>();
    int total = -1;
    String query = firstQuery + "&limit=" + PAGE;
    while (query != null) {
      String pageQuery = query;
      JsonNode page =
          calls.call(
              token -> {
                JsonNode answer = api.get(path + "?" + pageQuery, token);
                if (!answer.path("total").isInt() || !answer.path(list).isArray()) {
                  throw VendorFailure.unexpected(200, "no total or " + list + " in the answer");
                }
                answer.path(list).forEach(key::apply);
                return answer;
              });
      total = total < 0 ? page.path("total").asInt() : total;
      page.path(list).forEach(element -> elements.put(key.apply(element), element));
      query = page.hasNonNull("next") ? URI.create(page.get("next").asText()).getRawQuery() : null;
    }
    if (elements.size() < total) {
      throw VendorFailure.unexpected(
          200, "read " + elements.size() + " " + list + " of the " + total + " listed");
    }
    return elements;
  }

  private static String sku(JsonNode item) {
    if (!quantity(item).isInt()) {
      throw VendorFailure.unexpected(200, "inventory item without a ship-to-location quantity");
    }
    return text(item, "sku");
  }

  private static JsonNode quantity(JsonNode item) {
    return item.path("availability").path("shipToLocationAvailability").path("quantity");
  }

  private static String orderId(JsonNode order) {
    try {
      Instant.parse(text(order, "creationDate"));
    } catch (DateTimeParseException e) {
      throw VendorFailure.unexpected(200, "order creationDate " + e.getParsedString());
    }
    return text(order, "orderId");
  }

  private static String text(JsonNode node, String field) {
    if (!node.path(field).isTextual() || node.path(field).asText().isEmpty()) {
      throw VendorFailure.unexpected(200, "no " + field + " in the answer");
    }
    return node.path(field).asText();
  }

  /** The order in the Notification API envelope, as eBay's order webhook delivers it. */
  private static byte[] notification(String orderId, JsonNode order) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope
        .putObject("metadata")
        .put("topic", "ORDER")
        .put("schemaVersion", "1.0")
        .put("deprecated", false);
    envelope
        .putObject("notification")
        .put(
            "notificationId",
            UUID.nameUUIDFromBytes(("ebay-order:" + orderId).getBytes(StandardCharsets.UTF_8))
                .toString())
        .put("eventDate", order.path("creationDate").asText())
        .put("publishDate", order.path("creationDate").asText())
        .put("publishAttemptCount", 1)
        .set("data", order);
    return envelope.toString().getBytes(StandardCharsets.UTF_8);
  }
}
