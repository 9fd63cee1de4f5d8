package com.storewire.reconciliation.run;

import com.storewire.connectors.amazon.AmazonReads;
import com.storewire.connectors.core.AccessToken;
import com.storewire.connectors.core.ConnectorCore;
import com.storewire.connectors.core.MarketplaceReads;
import com.storewire.connectors.core.Pacer;
import com.storewire.connectors.core.RefreshTokenKeeper;
import com.storewire.connectors.ebay.EbayReads;
import com.storewire.connectors.shopify.ShopifyReads;
import com.storewire.connectors.woocommerce.WooCommerceReads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A marketplace the job reads, with the connector core its calls go through: the same token
 * refresh, pacing by the vendor's own answers and retries as the stock connector's writes.
 */
public record Marketplace(MarketplaceReads reads, ConnectorCore calls) {

  private static final Logger LOG = LoggerFactory.getLogger(Marketplace.class);

  public String channel() {
    return reads.channel();
  }

  /**
   * Every marketplace whose base URL the environment sets (Secret Manager in Google Cloud); Shopify
   * signs in through {@code shopifyTokens}, since its refresh token rotates.
   */
  public static List<Marketplace> fromEnv(
      Map<String, String> env, Clock clock, RefreshTokenKeeper shopifyTokens) {
    // Each marketplace by the setting that says it is configured, in the order tasks share out
    // their order polls.
    Map<String, Function<Pacer, MarketplaceReads>> configured = new LinkedHashMap<>();
    configured.put("SHOPIFY_BASE_URL", pacer -> new ShopifyReads(env, clock, pacer, shopifyTokens));
    configured.put("AMAZON_SP_API_URL", pacer -> new AmazonReads(env, clock, pacer));
    configured.put("EBAY_BASE_URL", pacer -> new EbayReads(env, clock, pacer));
    configured.put("WOOCOMMERCE_SITE_URL", pacer -> new WooCommerceReads(env, clock, pacer));
    Duration firstBackoff =
        Duration.ofMillis(Long.parseLong(env.getOrDefault("STOREWIRE_FIRST_BACKOFF_MS", "500")));
    List<Marketplace> marketplaces = new ArrayList<>();
    configured.forEach(
        (baseUrl, reads) -> {
          if (env.containsKey(baseUrl)) {
            Pacer pacer = new Pacer(clock);
            marketplaces.add(of(reads.apply(pacer), pacer, clock, firstBackoff));
          }
        });
    return marketplaces;
  }

  static Marketplace of(MarketplaceReads reads, Pacer pacer, Clock clock, Duration firstBackoff) {
    return new Marketplace(
        reads,
        new ConnectorCore(
            new AccessToken(reads::refresh, clock),
            pacer,
            8,
            firstBackoff,
            (failure, attempts) ->
                LOG.atWarn()
                    .addKeyValue("alert_vendor", reads.channel())
                    .addKeyValue("alert_reason", failure.reason().name())
                    .addKeyValue("alert_recovered", true)
                    .addKeyValue("attempts", attempts)
                    .log("reconciliation read recovered after {} attempts", attempts)));
  }
}
