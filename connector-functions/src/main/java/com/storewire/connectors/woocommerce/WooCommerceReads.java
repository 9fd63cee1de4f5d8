package com.storewire.connectors.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.connectors.core.VendorHttp;
import com.storewire.events.SystemId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What reconciliation reads from a WooCommerce site: every product's stock and the orders created
 * since a time, each a list read 100 a page (the most WooCommerce serves), oldest first so that
 * what is created meanwhile lands on later pages instead of shifting earlier ones.
 */
public final class WooCommerceReads implements MarketplaceReads {

  static final int PER_PAGE = 100;

  private final WooCommerceApi api;

  /**
   * Configured as the stock function is. WooCommerce documents no rate limit and its keys do not
   * expire, so the clock and pacer are not needed here: the {@link ConnectorCore} paces retries by
   * Retry-After.
   */
  public WooCommerceReads(Map<String, String> env, Clock clock, Pacer pacer) {
    this.api = WooCommerceApi.from(env);
  }

  @Override
  public SystemId vendor() {
    return SystemId.WOOCOMMERCE;
  }

  @Override
  public String channel() {
    return "woocommerce";
  }

  @Override
  public AccessToken.Issued refresh() {
    return WooCommerceApi.CONSUMER_KEY;
  }

  /**
   * Products whose stock WooCommerce manages, by SKU. A product without managed stock is always in
   * stock and one without a SKU cannot be matched to Storewire's: neither has a count to reconcile.
   */
  @Override
  public Map<String, Integer> listings(ConnectorCore calls) {
    Map<String, Integer> listings = new TreeMap<>();
    for (Map.Entry<String, Integer> listing :
        all(calls, "/products", Map.of("orderby", "id", "order", "asc"), WooCommerceReads::stock)) {
      listings.merge(listing.getKey(), listing.getValue(), Integer::sum);
    }
    return listings;
  }

  private static Optional<Map.Entry<String, Integer>> stock(JsonNode product) {
    String sku = product.path("sku").asText("");
    if (!product.path("manage_stock").asBoolean(false) || sku.isEmpty()) {
      return Optional.empty();
    }
    if (!product.path("stock_quantity").isInt()) {
      throw VendorFailure.unexpected(200, "product " + sku + " manages stock but has no quantity");
    }
    return Optional.of(Map.entry(sku, product.path("stock_quantity").asInt()));
  }

  /**
   * Orders created at or after {@code since}. WooCommerce's {@code after} excludes the instant
   * itself and compares whole seconds, so the list starts a second earlier and is cut here.
   */
  @Override
  public List<PolledOrder> ordersSince(ConnectorCore calls, Instant since) {
    Map<String, String> filter =
        Map.of(
            "after",
            since.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString(),
            "dates_are_gmt",
            "true",
            "orderby",
            "date",
            "order",
            "asc");
    List<PolledOrder> orders = new ArrayList<>();
    for (PolledOrder order : all(calls, "/orders", filter, WooCommerceReads::polled)) {
      if (!order.createdAt().isBefore(since)) {
        orders.add(order);
      }
    }
    orders.sort(Comparator.comparing(PolledOrder::createdAt));
    return orders;
  }

  private static Optional<PolledOrder> polled(JsonNode order) {
    if (!order.path("id").isIntegralNumber()) {
      throw VendorFailure.unexpected(200, "an order without an id");
    }
    Instant createdAt;
    try {
      createdAt = gmt(order.path("date_created_gmt").asText());
    } catch (DateTimeParseException e) {
      throw VendorFailure.unexpected(
          200, "order " + order.path("id") + " without a date_created_gmt");
    }
    return Optional.of(
        new PolledOrder(
            order.path("id").asText(),
            createdAt,
            order.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** WooCommerce's {@code *_gmt} dates carry no offset; one with an offset is read as written. */
  private static Instant gmt(String date) {
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(date, OffsetDateTime::from, LocalDateTime::from);
    return parsed instanceof OffsetDateTime offset
        ? offset.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  /** One page's items, read, and the list's size as that page reported it. */
  private record Page<T>(List<T> items, int total, int pages) {}

  /**
   * Every item of a list, a call a page, until the last page the latest answer names. A list that
   * shrank while it was read may have moved an item onto a page already read: that read fails
   * rather than come back short.
   */
  private <T> List<T> all(
      ConnectorCore calls,
      String path,
      Map<String, String> filter,
      Function<JsonNode, Optional<T>> read) {
    List<T> all = new ArrayList<>();
    int total = 0;
    int pages = 1;
    for (int page = 1; page <= pages; page++) {
      int number = page;
      int atLeast = total;
      Page<T> answer = calls.call(token -> page(path, filter, number, atLeast, read));
      all.addAll(answer.items());
      total = answer.total();
      pages = answer.pages();
    }
    return all;
  }

  private <T> Page<T> page(
      String path,
      Map<String, String> filter,
      int page,
      int atLeast,
      Function<JsonNode, Optional<T>> read) {
    Map<String, String> query = new LinkedHashMap<>(filter);
    query.put("per_page", Integer.toString(PER_PAGE));
    query.put("page", Integer.toString(page));
    VendorHttp.Answer answer = api.send("GET", path, query, null);
    JsonNode items = VendorHttp.json(answer);
    int total = count(answer, "X-WP-Total");
    int pages = count(answer, "X-WP-TotalPages");
    int expected = page < pages ? PER_PAGE : page == pages ? total - PER_PAGE * (pages - 1) : 0;
    if (!items.isArray()
        || pages != (total + PER_PAGE - 1) / PER_PAGE
        || items.size() != expected) {
      throw VendorFailure.unexpected(
          answer.status(),
          path + " page " + page + " of " + pages + " held " + items.size() + " of " + total);
    }
    if (total < atLeast) {
      throw VendorFailure.unexpected(
          answer.status(), path + " shrank from " + atLeast + " to " + total + " while read");
    }
    List<T> readItems = new ArrayList<>();
    items.forEach(item -> read.apply(item).ifPresent(readItems::add));
    return new Page<>(readItems, total, pages);
  }

  private static int count(VendorHttp.Answer answer, String header) {
    try {
      return Integer.parseInt(answer.header(header).orElse(""));
    } catch (NumberFormatException e) {
      throw VendorFailure.unexpected(answer.status(), "no " + header + " header");
    }
  }
}
