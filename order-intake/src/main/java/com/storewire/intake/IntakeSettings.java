package com.storewire.intake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How order intake shapes reservations ({@code storewire.*} in application.yml, whose placeholders
 * name the environment variables a deployment reads: see {@code deployment.DeploymentVariable}).
 *
 * @param projectId the Google Cloud project of Firestore and Pub/Sub
 * @param firestoreEmulatorHost host:port of a Firestore emulator, else Google Cloud
 * @param pubsubEmulatorHost host:port of a Pub/Sub emulator, else Google Cloud
 * @param channels the sales channels availability is published for
 * @param channelBuffers units held back from each channel's advertised quantity, so that its
 *     possibly stale copy oversells less; a SKU's own buffers override these
 * @param defaultShards stock shards a new SKU starts with; hot SKUs are given more
 * @param reservationTtl how long a placed order may hold its stock without shipping: a safety net
 *     for orders the warehouse never ships (a shipment consumes the reservation), after which the
 *     sweeper releases the stock, counts the order and alerts
 * @param orderRetention how long an order that holds no stock any more (fulfilled, cancelled,
 *     expired, rejected) is kept for status reads and reconciliation before Firestore's TTL policy
 *     deletes it
 * @param maxLines most lines one order may have
 * @param maxQuantity most units one line may ask for
 */
@ConfigurationProperties("storewire")
public record IntakeSettings(
    @Bindable(defaultValue = "storewire-local") String projectId,
    @Nullable String firestoreEmulatorHost,
    @Nullable String pubsubEmulatorHost,
    @Bindable(defaultValue = "storefront,shopify,amazon,ebay,woocommerce") List<String> channels,
    @Nullable Map<String, Integer> channelBuffers,
    @Bindable(defaultValue = "4") int defaultShards,
    @Bindable(defaultValue = "7d") Duration reservationTtl,
    @Bindable(defaultValue = "90d") Duration orderRetention,
    @Bindable(defaultValue = "50") int maxLines,
    @Bindable(defaultValue = "1000") int maxQuantity) {

  public int bufferFor(String channel) {
    return channelBuffers == null ? 0 : channelBuffers.getOrDefault(channel, 0);
  }
}
