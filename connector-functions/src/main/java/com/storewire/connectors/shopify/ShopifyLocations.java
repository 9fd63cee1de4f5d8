package com.storewire.connectors.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.connectors.core.VendorFailure;
import com.storewire.events.ConnectorAlertReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Shopify locations Storewire's stock is set at and read from. Configured in {@value #SETTING}
 * (a {@code gid://shopify/Location/N}, or several separated by commas); when that is unset,
 * discovered from the store once per instance and kept: the primary location (Admin GraphQL's
 * {@code location} query without an id) if it is active and fulfils online orders, else the only
 * active location that does. A store where that finds none, or several to choose from, fails the
 * call with the reason (alerted as UNAVAILABLE, and tried again on the next call), as does a failed
 * lookup (AUTH_EXPIRED, UNAVAILABLE, as the connector core classifies it): never a guessed
 * location.
 *
 * <p>Storewire holds one figure per SKU, so {@link #place} puts all of it at the first location and
 * zero at any other: what Shopify sells from them together is the figure.
 */
final class ShopifyLocations {

  static final String SETTING = "SHOPIFY_LOCATION_ID";

  static final String PRIMARY =
      "query primaryLocation { location { id name isActive fulfillsOnlineOrders } }";
  static final String ACTIVE =
      "query activeLocations { locations(first: 250) {"
          + " nodes { id name isActive fulfillsOnlineOrders } } }";

  private static final Pattern LOCATION_ID = Pattern.compile("gid://shopify/Location/\\d+");
  private static final Logger LOG = LoggerFactory.getLogger(ShopifyLocations.class);

  private final ShopifyAdmin shopify;
  private final List<String> configured;
  private volatile List<String> discovered;

  ShopifyLocations(ShopifyAdmin shopify, List<String> configured) {
    this.shopify = shopify;
    this.configured = List.copyOf(configured);
  }

  /**
   * From {@value #SETTING}: the listed locations, or discovery when it is unset or blank. A value
   * that is not a list of location ids is refused at once, so the instance does not start.
   */
  static ShopifyLocations from(Map<String, String> env, ShopifyAdmin shopify) {
    String setting = env.getOrDefault(SETTING, "");
    List<String> ids =
        Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String id : ids) {
      if (!LOCATION_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            SETTING + " must list Shopify location ids (gid://shopify/Location/N), not: " + id);
      }
    }
    if (ids.size() > 250) {
      throw new IllegalArgumentException(
          SETTING + " lists " + ids.size() + " locations: a call sets at most 250 quantities");
    }
    if (ids.stream().distinct().count() != ids.size()) {
      throw new IllegalArgumentException(SETTING + " lists a location twice: " + setting);
    }
    return new ShopifyLocations(shopify, ids);
  }

  /**
   * Locations each item is set at: the configured ones, or the one discovery finds. Known before
   * any call, so the batch size can be set from it.
   */
  int perItem() {
    return configured.isEmpty() ? 1 : configured.size();
  }

  /** The locations if they are configured or already discovered: no call needed. */
  Optional<List<String>> known() {
    return Optional.ofNullable(configured.isEmpty() ? discovered : configured);
  }

  /** The locations, the first the one that holds the figure; looked up with {@code token}. */
  List<String> ids(String token) {
    if (!configured.isEmpty()) {
      return configured;
    }
    List<String> known = discovered;
    if (known == null) {
      synchronized (this) {
        if (discovered == null) {
          discovered = List.of(discover(token));
          LOG.info(
              "Shopify stock is set at location {}, the store's online location ({} unset)",
              discovered.get(0),
              SETTING);
        }
        known = discovered;
      }
    }
    return known;
  }

  /**
   * The quantity to set at each of {@code locations}, in order, for a SKU whose figure is {@code
   * quantity}: all of it at the first, zero at the others.
   */
  static List<Integer> place(int quantity, List<String> locations) {
    List<Integer> placed = new ArrayList<>();
    for (int i = 0; i < locations.size(); i++) {
      placed.add(i == 0 ? quantity : 0);
    }
    return placed;
  }

  /**
   * Looks the online location up: the primary location (one point), and only when that does not
   * sell online, the list (reserved at the default ten points, and settled with the reported cost:
   * looked up once an instance, it need not hold back every call's budget for a full list).
   */
  private String discover(String token) {
    JsonNode primary = shopify.graphql(token, PRIMARY, null, 1).path("location");
    if (!primary.path("id").isTextual()) {
      throw VendorFailure.unexpected(200, "no primary location (location.id)");
    }
    if (sellsOnline(primary)) {
      return primary.path("id").asText();
    }
    JsonNode nodes = shopify.graphql(token, ACTIVE, null).path("locations").path("nodes");
    if (!nodes.isArray()) {
      throw VendorFailure.unexpected(200, "no locations.nodes");
    }
    List<String> online = new ArrayList<>();
    nodes.forEach(
        location -> {
          if (sellsOnline(location)) {
            online.add(location.path("id").asText() + " (" + location.path("name").asText() + ")");
          }
        });
    if (online.size() == 1) {
      return online.get(0).substring(0, online.get(0).indexOf(' '));
    }
    throw VendorFailure.retryable(
        ConnectorAlertReason.UNAVAILABLE,
        200,
        null,
        "no Shopify location to set stock at: the primary location "
            + primary.path("id").asText()
            + " ("
            + primary.path("name").asText()
            + ") is not an active location that fulfils online orders, and "
            + (online.isEmpty() ? "no other is" : online.size() + " others are: " + online)
            + "; set "
            + SETTING);
  }

  private static boolean sellsOnline(JsonNode location) {
    return location.path("isActive").asBoolean(false)
        && location.path("fulfillsOnlineOrders").asBoolean(false);
  }
}
