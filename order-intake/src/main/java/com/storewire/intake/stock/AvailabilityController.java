package com.storewire.intake.stock;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.validation.Identifiers;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.outbox.Outbox;
import com.storewire.intake.problem.Problem;
import com.storewire.intake.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synchronous stock reads, and the per-SKU settings that shape reservations. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AvailabilityController {

  static final int MAX_BATCH = 100;

  /** The channel that reads the truth synchronously: it never needs a lot. */
  private static final String STOREFRONT = "storefront";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StockStore stock;
  private final Outbox outbox;
  private final IntakeSettings settings;

  public AvailabilityController(StockStore stock, Outbox outbox, IntakeSettings settings) {
    this.stock = stock;
    this.outbox = outbox;
    this.settings = settings;
  }

  /** Sellable quantity per channel, with the figures it comes from. */
  public record Availability(
      String sku,
      @JsonProperty("on_hand") long onHand,
      long reserved,
      @JsonProperty("safety_stock") long safetyStock,
      Map<String, Long> sellable,
      long version) {}

  @Operation(summary = "Sellable quantity of one SKU per channel")
  @Get(uri = "/availability/{sku}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> one(@PathVariable String sku) {
    requireSku("sku", sku);
    StockLevels levels =
        stock
            .levels(sku)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            HttpStatus.NOT_FOUND,
                            "unknown-sku",
                            "Unknown SKU",
                            "No stock was ever received for " + sku)));
    return json(availability(levels));
  }

  @Operation(summary = "Sellable quantity of up to 100 SKUs per channel")
  @Get(uri = "/availability", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> many(@QueryValue("sku") @Nullable List<String> skus) {
    if (skus == null || skus.isEmpty() || skus.size() > MAX_BATCH) {
      throw new ProblemException(
          Problem.of(
              HttpStatus.BAD_REQUEST,
              "invalid-batch",
              "Invalid batch",
              "Give 1 to " + MAX_BATCH + " sku parameters."));
    }
    List<Availability> items = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String sku : skus.stream().distinct().toList()) {
      requireSku("sku", sku);
      stock.levels(sku).ifPresentOrElse(l -> items.add(availability(l)), () -> unknown.add(sku));
    }
    return json(Map.of("items", items, "unknown", unknown));
  }

  /**
   * Shards for a SKU's expected demand, per-channel buffers, and the lot size of each ring-fenced
   * marketplace (0 shares the pool again); see {@link ChannelAllocation}.
   */
  @Serdeable
  public record SkuSettings(
      @Nullable Integer shards,
      @JsonProperty("channel_buffers") @Nullable Map<String, Integer> channelBuffers,
      @JsonProperty("channel_lots") @Nullable Map<String, Integer> channelLots) {}

  @Operation(
      summary = "Change a SKU's shard count, channel buffers or ring-fenced lots without downtime")
  @Put(uri = "/skus/{sku}/settings", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> configure(@PathVariable String sku, @Body SkuSettings body) {
    requireSku("sku", sku);
    if (body.shards() != null && (body.shards() < 1 || body.shards() > 1000)) {
      throw new ProblemException(
          Problem.of(HttpStatus.BAD_REQUEST, "invalid-settings", "Invalid settings", "")
              .withErrors(
                  List.of(
                      new com.storewire.events.codec.FieldError("shards", "must be 1 to 1000"))));
    }
    if (body.channelLots() != null) {
      for (Map.Entry<String, Integer> lot : body.channelLots().entrySet()) {
        String field = "channel_lots." + lot.getKey();
        if (!settings.channels().contains(lot.getKey()) || lot.getKey().equals(STOREFRONT)) {
          throw invalidSetting(field, "not a marketplace channel: " + settings.channels());
        }
        if (lot.getValue() == null || lot.getValue() < 0 || lot.getValue() > 1_000_000) {
          throw invalidSetting(field, "must be 0 (share the pool) to 1000000 units");
        }
      }
    }
    stock.rewrite(
        sku,
        facts -> {
          if (body.shards() != null) {
            facts.shardCount = body.shards();
          }
          if (body.channelBuffers() != null) {
            facts.channelBuffers.putAll(body.channelBuffers());
          }
          if (body.channelLots() != null) {
            facts.channelLots.putAll(body.channelLots());
          }
        },
        batch -> outbox.availabilityChanged(batch, sku));
    return json(availability(stock.levels(sku).orElseThrow()));
  }

  private Availability availability(StockLevels levels) {
    Map<String, Long> sellable = new LinkedHashMap<>();
    for (String channel : settings.channels()) {
      sellable.put(
          channel,
          levels.sellable(
              channel, levels.channelBuffers().getOrDefault(channel, settings.bufferFor(channel))));
    }
    return new Availability(
        levels.sku(),
        levels.onHand(),
        levels.reserved(),
        levels.safetyStock(),
        sellable,
        levels.version());
  }

  private static ProblemException invalidSetting(String field, String reason) {
    return new ProblemException(
        Problem.of(HttpStatus.BAD_REQUEST, "invalid-settings", "Invalid settings", "")
            .withErrors(List.of(new com.storewire.events.codec.FieldError(field, reason))));
  }

  private static void requireSku(String field, String sku) {
    if (!Identifiers.isSku(sku)) {
      throw new ProblemException(
          Problem.of(HttpStatus.BAD_REQUEST, "invalid-sku", "Invalid SKU", "")
              .withErrors(
                  List.of(
                      new com.storewire.events.codec.FieldError(
                          field, "not a SKU: " + Identifiers.SKU))));
    }
  }

  private static HttpResponse<String> json(Object body) {
    try {
      return HttpResponse.ok(JSON.writeValueAsString(body)).contentType(MediaType.APPLICATION_JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
