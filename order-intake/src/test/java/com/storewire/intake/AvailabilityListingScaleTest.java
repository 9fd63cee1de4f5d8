package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.google.cloud.firestore.WriteResult;
import com.storewire.intake.stock.StockDocuments;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation lists the whole catalog each run: 20,000 SKUs, split over partitions, must list on
 * the emulator in well under a minute.
 */
@MicronautTest
class AvailabilityListingScaleTest extends IntakeTest {

  private static final int SKUS = 20_000;
  private static final int SHARDS = 2;

  @Inject Firestore db;

  @Test
  void twentyThousandSkusListInWellUnderAMinute() throws Exception {
    Set<String> seeded = seedDirectly();

    long started = System.nanoTime();
    Set<String> listed = new TreeSet<>();
    int items = 0;
    int partitions = 3;
    for (int partition = 0; partition < partitions; partition++) {
      String token = null;
      do {
        String uri =
            "/v1/availability?partition="
                + partition
                + "&partitions="
                + partitions
                + "&page_size=1000"
                + (token == null ? "" : "&page_token=" + token);
        Answer answer = call(HttpRequest.GET(uri));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode page = answer.json();
        for (JsonNode item : page.get("items")) {
          listed.add(item.get("sku").asText());
          assertThat(item.get("on_hand").asLong()).isEqualTo(10);
          items++;
        }
        token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
      } while (token != null);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(items).isEqualTo(SKUS);
    assertThat(listed).isEqualTo(seeded);
    assertThat(took).as("listing %d SKUs took %s", SKUS, took).isLessThan(Duration.ofSeconds(30));
  }

  /**
   * SKU documents and their shards as {@code StockStore.rewrite} leaves them, written in batches of
   * 500 (rewrite would take minutes for 20,000 SKUs on the emulator).
   */
  private Set<String> seedDirectly() throws Exception {
    Set<String> skus = new TreeSet<>();
    List<ApiFuture<List<WriteResult>>> commits = new ArrayList<>();
    WriteBatch batch = db.batch();
    int writes = 0;
    for (int i = 0; i < SKUS; i++) {
      String sku = "SCALE-" + i;
      skus.add(sku);
      Map<String, Object> fields = new HashMap<>();
      fields.put(StockDocuments.ON_HAND, 10L);
      fields.put(StockDocuments.SAFETY_STOCK, 0L);
      fields.put(StockDocuments.DEFICIT, 0L);
      fields.put(StockDocuments.SHARD_COUNT, (long) SHARDS);
      fields.put(StockDocuments.CHANNEL_BUFFERS, Map.of());
      fields.put(StockDocuments.ALLOCATIONS, Map.of());
      if (i % 1000 != 0) {
        // As rewrite writes it; every thousandth is as written before spans were kept.
        fields.put(StockDocuments.SHARD_SPAN, (long) SHARDS);
      }
      batch.set(StockDocuments.sku(db, sku), fields);
      for (int shard = 0; shard < SHARDS; shard++) {
        batch.set(
            StockDocuments.shard(db, sku, Integer.toString(shard)),
            Map.of(StockDocuments.AVAILABLE, 5L, StockDocuments.RESERVED, 0L));
      }
      writes += 1 + SHARDS;
      if (writes >= 498) {
        commits.add(batch.commit());
        batch = db.batch();
        writes = 0;
      }
      if (commits.size() >= 32) {
        ApiFutures.allAsList(commits).get();
        commits.clear();
      }
    }
    commits.add(batch.commit());
    ApiFutures.allAsList(commits).get();
    return skus;
  }
}
