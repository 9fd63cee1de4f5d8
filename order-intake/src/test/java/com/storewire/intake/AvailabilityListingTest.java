package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.storewire.intake.deployment.Routes;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partitioned, paged availability listing reconciliation reads order intake's truth with. */
@MicronautTest
class AvailabilityListingTest extends IntakeTest {

  @Override
  protected Routes routes() {
    return Routes.PRIVATE;
  }

  /** The pages of one partition's listing, followed from the first to the last. */
  private record Listing(List<JsonNode> items, int pages) {
    List<String> skus() {
      return items.stream().map(i -> i.get("sku").asText()).toList();
    }

    JsonNode item(String sku) {
      return items.stream()
          .filter(i -> i.get("sku").asText().equals(sku))
          .findFirst()
          .orElseThrow();
    }
  }

  private Listing list(int partition, int partitions, int pageSize) {
    List<JsonNode> items = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String uri =
          "/v1/availability?partition="
              + partition
              + "&partitions="
              + partitions
              + "&page_size="
              + pageSize
              + (token == null ? "" : "&page_token=" + token);
      Answer answer = internal(HttpRequest.GET(uri));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode page = answer.json();
      assertThat(page.get("items").size()).isLessThanOrEqualTo(pageSize);
      page.get("items").forEach(items::add);
      token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
      pages++;
      assertThat(pages).as("pages of partition " + partition).isLessThan(1000);
    } while (token != null);
    return new Listing(items, pages);
  }

  private Listing listAll() {
    return list(0, 1, 1000);
  }

  @Test
  void partitionsAreDisjointAndTogetherListEverySkuOnceInOrder() {
    List<String> seeded = IntStream.range(0, 45).mapToObj(i -> "PART-" + (i * 37 % 101)).toList();
    seeded.forEach(sku -> seed(sku, 3, 1));

    Listing whole = list(0, 1, 7);
    List<String> union = new ArrayList<>();
    for (int partition = 0; partition < 4; partition++) {
      Listing part = list(partition, 4, 5);
      int p = partition;
      assertThat(part.skus()).allMatch(sku -> Math.floorMod(sku.hashCode(), 4) == p);
      assertThat(part.skus()).isSorted();
      union.addAll(part.skus());
    }

    assertThat(whole.skus()).isSorted().doesNotHaveDuplicates().containsAll(seeded);
    assertThat(whole.pages()).isGreaterThanOrEqualTo(7);
    assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(whole.skus());
    assertThat(listAll().skus()).isEqualTo(whole.skus());
    JsonNode item = whole.item(seeded.get(0));
    assertThat(item.get("on_hand").asLong()).isEqualTo(3);
    assertThat(item.get("reserved").asLong()).isZero();
    assertThat(item.get("safety_stock").asLong()).isZero();
    assertThat(item.get("version").asLong()).isPositive();
    assertThat(item.get("channels").get("amazon").get("sellable").asLong()).isEqualTo(3);
    assertThat(item.get("channels").get("amazon").get("ring_fenced").asBoolean()).isFalse();
    assertThat(item.get("channels").get("amazon").get("lot").isNull()).isTrue();
  }

  @Test
  void aPageTokenResumesWhereItsPageEnded() {
    seed("TOKEN-A", 1, 1);
    seed("TOKEN-B", 1, 1);
    seed("TOKEN-C", 1, 1);

    JsonNode first = internal(HttpRequest.GET("/v1/availability?page_size=1")).json();
    String token = first.get("next_page_token").asText();
    JsonNode second =
        internal(HttpRequest.GET("/v1/availability?page_size=1&page_token=" + token)).json();

    assertThat(first.get("items")).hasSize(1);
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("items").get(0).get("sku").asText())
        .isGreaterThan(first.get("items").get(0).get("sku").asText());
    JsonNode last = internal(HttpRequest.GET("/v1/availability?page_size=1000")).json();
    assertThat(last.has("next_page_token")).isFalse();
  }

  @Test
  void changedAtMovesWhenAnOrderReservesStockAndNotOtherwise() {
    seed("CHANGED-1", 10, 2);
    seed("CHANGED-2", 10, 2);
    Instant before = changedAt("CHANGED-1");

    internal(HttpRequest.GET("/v1/availability/CHANGED-1"));
    internal(HttpRequest.GET("/v1/availability?sku=CHANGED-1"));
    assertThat(order("changed-2", orderBody("CHANGED-2", 1)).status()).isEqualTo(201);
    Instant afterReads = changedAt("CHANGED-1");
    assertThat(order("changed-1", orderBody("CHANGED-1", 2)).status()).isEqualTo(201);
    Instant afterOrder = changedAt("CHANGED-1");

    assertThat(afterReads).isEqualTo(before);
    assertThat(afterOrder).isAfter(before);
    JsonNode item = listAll().item("CHANGED-1");
    assertThat(item.get("reserved").asLong()).isEqualTo(2);
    assertThat(Instant.parse(item.get("changed_at").asText())).isEqualTo(afterOrder);
    assertThat(
            internal(HttpRequest.GET("/v1/availability/CHANGED-1"))
                .json()
                .get("changed_at")
                .asText())
        .isEqualTo(item.get("changed_at").asText());
  }

  private Instant changedAt(String sku) {
    return Instant.parse(listAll().item(sku).get("changed_at").asText());
  }

  @Test
  void ringFencedChannelsReportTheirLotAndSharingOnesTheirBuffer() {
    seed("LOT-1", 20, 2);
    Answer configured =
        internal(
            HttpRequest.PUT(
                    "/v1/skus/LOT-1/settings",
                    "{\"channel_lots\":{\"ebay\":4},\"channel_buffers\":{\"shopify\":2}}")
                .contentType("application/json"));
    assertThat(configured.status()).as(configured.body()).isEqualTo(200);

    JsonNode item = awaitLotGranted("LOT-1", "ebay", 4);

    JsonNode ebay = item.get("channels").get("ebay");
    assertThat(ebay.get("ring_fenced").asBoolean()).isTrue();
    assertThat(ebay.get("lot").asInt()).isEqualTo(4);
    assertThat(ebay.get("buffer").asInt()).isZero();
    JsonNode shopify = item.get("channels").get("shopify");
    assertThat(shopify.get("ring_fenced").asBoolean()).isFalse();
    assertThat(shopify.get("lot").isNull()).isTrue();
    assertThat(shopify.get("buffer").asInt()).isEqualTo(2);
    assertThat(shopify.get("sellable").asLong()).isEqualTo(20 - 4 - 2);
    assertThat(item.get("channels").get("storefront").get("sellable").asLong()).isEqualTo(16);
    assertThat(item.get("sellable").get("ebay").asLong()).isEqualTo(4);
    JsonNode single = internal(HttpRequest.GET("/v1/availability/LOT-1")).json();
    assertThat(single.get("channels")).isEqualTo(item.get("channels"));
  }

  /** The relay grants a ring-fenced channel its first lot after the settings change. */
  private JsonNode awaitLotGranted(String sku, String channel, int units) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (true) {
      JsonNode item = listAll().item(sku);
      long sellable = item.get("channels").get(channel).get("sellable").asLong();
      if (sellable == units || Instant.now().isAfter(deadline)) {
        assertThat(sellable).as(channel + "'s lot of " + sku).isEqualTo(units);
        return item;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void unitsReservedOnShardsPastALoweredShardCountStillCount() {
    seed("SPAN-1", 12, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(order("span-" + i, orderBody("SPAN-1", 1)).status()).isEqualTo(201);
    }
    Answer lowered =
        internal(
            HttpRequest.PUT("/v1/skus/SPAN-1/settings", "{\"shards\":1}")
                .contentType("application/json"));
    assertThat(lowered.status()).as(lowered.body()).isEqualTo(200);

    JsonNode item = listAll().item("SPAN-1");

    assertThat(item.get("reserved").asLong()).isEqualTo(4);
    assertThat(item.get("channels").get("storefront").get("sellable").asLong()).isEqualTo(8);
    assertThat(stock.levels("SPAN-1").orElseThrow().reserved()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "partition past the end|partition=3&partitions=3|partition|must be 0 to 2",
        "negative partition|partition=-1&partitions=3|partition|must be 0 to 2",
        "no partitions|partition=0&partitions=0|partitions|must be at least 1",
        "partition alone|partition=1|partitions|required with partition",
        "partitions alone|partitions=4|partition|required with partitions",
        "text partition|partition=one&partitions=2|partition|must be an integer",
        "page size 0|page_size=0|page_size|must be 1 to 1000",
        "page size 1001|page_size=1001|page_size|must be 1 to 1000",
        "text page size|page_size=ten|page_size|must be an integer",
        "garbage token|page_token=not-a-token|page_token|malformed",
        "not base64|page_token=%21%21|page_token|malformed",
        "paging the sku form|sku=A-1&page_size=10|page_size|only for the listing"
      })
  void badParametersAre400NamingTheField(String name, String query, String field, String reason) {
    Answer answer = internal(HttpRequest.GET("/v1/availability?" + query));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().get("type").asText()).endsWith("invalid-listing");
    Set<String> errors = new HashSet<>();
    answer
        .json()
        .get("errors")
        .forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("reason").asText()));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith(field + ": ").contains(reason));
  }

  @Test
  void aTokenOfAnotherPartitionIsRefused() {
    IntStream.range(0, 6).forEach(i -> seed("OTHER-" + i, 1, 1));
    String token =
        internal(HttpRequest.GET("/v1/availability?partition=0&partitions=2&page_size=1"))
            .json()
            .get("next_page_token")
            .asText();

    Answer answer =
        internal(
            HttpRequest.GET(
                "/v1/availability?partition=1&partitions=2&page_size=1&page_token=" + token));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("page_token");
    assertThat(answer.json().get("errors").get(0).get("reason").asText())
        .contains("partition 0 of 2");
  }
}
