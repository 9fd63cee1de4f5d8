package com.storewire.intake.stock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.events.codec.FieldError;
import com.storewire.events.validation.Identifiers;
import com.storewire.intake.IntakeSettings;
import com.storewire.intake.deployment.PrivateRoute;
import com.storewire.intake.deployment.StorefrontRoute;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synchronous stock reads (one SKU, a batch, or a partitioned, paged listing of every known SKU for
 * reconciliation), and the per-SKU settings that shape reservations.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AvailabilityController {

  static final int MAX_BATCH = 100;
  static final int DEFAULT_PAGE_SIZE = 500;
  static final int MAX_PAGE_SIZE = 1000;

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

  /**
   * Sellable quantity per channel, with the figures it comes from.
   *
   * @param sellable per channel, as {@code channels.*.sellable} (kept for older readers)
   * @param version the read time in microseconds; a later read has a larger one
   * @param changedAt ISO-8601: when the SKU's quantities last moved (the latest update of its
   *     document and shards)
   * @param channels per channel, what an AvailabilityChanged for it carries
   */
  @Serdeable
  @Schema(name = "Availability")
  public record Availability(
      String sku,
      @JsonProperty("on_hand") long onHand,
      long reserved,
      @JsonProperty("safety_stock") long safetyStock,
      Map<String, Long> sellable,
      long version,
      @JsonProperty("changed_at") String changedAt,
      Map<String, ChannelAvailability> channels) {}

  /**
   * A page of the availability listing.
   *
   * @param nextPageToken where the next page starts; absent on the last page
   */
  @Serdeable
  @Schema(name = "AvailabilityPage")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AvailabilityPage(
      List<Availability> items, @JsonProperty("next_page_token") @Nullable String nextPageToken) {}

  @StorefrontRoute
  @PrivateRoute
  @Operation(
      summary = "Sellable quantity of one SKU per channel",
      description =
          "The storefront reads it for a product page (public deployment, with its key);"
              + " operators on the private one.")
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

  @PrivateRoute
  @Operation(
      summary = "Sellable quantity of up to 100 SKUs, or a page of every known SKU's",
      description =
          "With sku parameters (1 to 100): those SKUs' availability, and the unknown ones. Without:"
              + " the listing for reconciliation, every known SKU of one partition in SKU order,"
              + " page by page. SKU s is in partition Math.floorMod(s.hashCode(), partitions),"
              + " with Java's String.hashCode (s[0]*31^(n-1) + ... + s[n-1] in 32-bit int"
              + " arithmetic over UTF-16 code units). A page may hold fewer than page_size SKUs,"
              + " even none; only the absence of next_page_token ends the listing.")
  @ApiResponse(
      responseCode = "200",
      description = "The SKUs' availability (listing: a page of AvailabilityPage)",
      content = @Content(schema = @Schema(implementation = AvailabilityPage.class)))
  @ApiResponse(
      responseCode = "400",
      description = "A bad parameter; each is named with the reason",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @Get(
      uri = "/availability",
      produces = {MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public HttpResponse<String> many(
      @Parameter(
              description = "A SKU to read (1 to 100 of them, repeated); leave out to list",
              explode = io.swagger.v3.oas.annotations.enums.Explode.TRUE)
          @QueryValue("sku")
          @Nullable
          List<String> skus,
      @Parameter(
              description = "Listing: which partition, 0 to partitions - 1 (default 0)",
              schema = @Schema(type = "integer", minimum = "0"))
          @QueryValue("partition")
          @Nullable
          String partition,
      @Parameter(
              description = "Listing: how many partitions the SKU space is split into (default 1)",
              schema = @Schema(type = "integer", minimum = "1"))
          @QueryValue("partitions")
          @Nullable
          String partitions,
      @Parameter(
              description = "Listing: most SKUs per page, 1 to 1000 (default 500)",
              schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
          @QueryValue("page_size")
          @Nullable
          String pageSize,
      @Parameter(description = "Listing: next_page_token of the page before")
          @QueryValue("page_token")
          @Nullable
          String pageToken) {
    if (skus == null || skus.isEmpty()) {
      return json(list(partition, partitions, pageSize, pageToken));
    }
    if (partition != null || partitions != null || pageSize != null || pageToken != null) {
      String field =
          partition != null
              ? "partition"
              : partitions != null ? "partitions" : pageSize != null ? "page_size" : "page_token";
      throw invalidListing(
          List.of(new FieldError(field, "only for the listing, which takes no sku parameter")));
    }
    if (skus.size() > MAX_BATCH) {
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

  private AvailabilityPage list(
      String partitionParam, String partitionsParam, String pageSizeParam, String pageToken) {
    List<FieldError> errors = new ArrayList<>();
    Integer partitions = integer("partitions", partitionsParam, errors);
    Integer partition = integer("partition", partitionParam, errors);
    Integer pageSize = integer("page_size", pageSizeParam, errors);
    if (partitionParam != null && partitionsParam == null) {
      errors.add(new FieldError("partitions", "required with partition"));
    }
    if (partitionsParam != null && partitionParam == null) {
      errors.add(new FieldError("partition", "required with partitions"));
    }
    if (partitions != null && partitions < 1) {
      errors.add(new FieldError("partitions", "must be at least 1"));
    }
    if (partition != null && partitions != null && partitions >= 1) {
      if (partition < 0 || partition >= partitions) {
        errors.add(new FieldError("partition", "must be 0 to " + (partitions - 1)));
      }
    } else if (partition != null && partition < 0) {
      errors.add(new FieldError("partition", "must be at least 0"));
    }
    if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
      errors.add(new FieldError("page_size", "must be 1 to " + MAX_PAGE_SIZE));
    }
    if (!errors.isEmpty()) {
      throw invalidListing(errors);
    }
    SkuPartition part =
        partition == null ? SkuPartition.ALL : new SkuPartition(partition, partitions);
    String after = null;
    if (pageToken != null) {
      try {
        after = PageToken.resumeAfter(pageToken, part);
      } catch (IllegalArgumentException e) {
        throw invalidListing(List.of(new FieldError("page_token", e.getMessage())));
      }
    }
    StockStore.ListedPage page =
        stock.list(part, after, pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
    return new AvailabilityPage(
        page.items().stream().map(this::availability).toList(),
        page.resumeAfter() == null ? null : PageToken.of(part, page.resumeAfter()));
  }

  private static Integer integer(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be an integer"));
      return null;
    }
  }

  private static ProblemException invalidListing(List<FieldError> errors) {
    return new ProblemException(
        Problem.of(
                HttpStatus.BAD_REQUEST,
                "invalid-listing",
                "Invalid availability listing",
                "A listing parameter is invalid; see errors.")
            .withErrors(errors));
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

  @PrivateRoute
  @Operation(
      summary = "Change a SKU's shard count, channel buffers or ring-fenced lots without downtime")
  @Put(uri = "/skus/{sku}/settings", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> configure(@PathVariable String sku, @Body SkuSettings body) {
    requireSku("sku", sku);
    if (body.shards() != null && (body.shards() < 1 || body.shards() > 1000)) {
      throw new ProblemException(
          Problem.of(HttpStatus.BAD_REQUEST, "invalid-settings", "Invalid settings", "")
              .withErrors(List.of(new FieldError("shards", "must be 1 to 1000"))));
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
    Map<String, ChannelAvailability> channels = new LinkedHashMap<>();
    for (String channel : settings.channels()) {
      ChannelAvailability of = levels.availability(channel, settings.bufferFor(channel));
      sellable.put(channel, of.sellable());
      channels.put(channel, of);
    }
    return new Availability(
        levels.sku(),
        levels.onHand(),
        levels.reserved(),
        levels.safetyStock(),
        sellable,
        levels.version(),
        levels.changedAt() == null ? null : levels.changedAt().toString(),
        channels);
  }

  private static ProblemException invalidSetting(String field, String reason) {
    return new ProblemException(
        Problem.of(HttpStatus.BAD_REQUEST, "invalid-settings", "Invalid settings", "")
            .withErrors(List.of(new FieldError(field, reason))));
  }

  private static void requireSku(String field, String sku) {
    if (!Identifiers.isSku(sku)) {
      throw new ProblemException(
          Problem.of(HttpStatus.BAD_REQUEST, "invalid-sku", "Invalid SKU", "")
              .withErrors(List.of(new FieldError(field, "not a SKU: " + Identifiers.SKU))));
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
