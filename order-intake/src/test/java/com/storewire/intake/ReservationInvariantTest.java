package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.events.EventType;
import com.storewire.intake.stock.StockLevels;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@MicronautTest
class ReservationInvariantTest extends IntakeTest {

  @Test
  void twoHundredConcurrentBuyersOfFiftyUnitsGetExactlyFifty() throws Exception {
    seed("HOT-1", 50, 50);
    ExecutorService buyers = Executors.newFixedThreadPool(50);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String key = "buyer-" + i;
      answers.add(buyers.submit(() -> order(key, orderBody("HOT-1", 1))));
    }
    List<Answer> results = new ArrayList<>();
    for (Future<Answer> answer : answers) {
      results.add(answer.get());
    }
    buyers.shutdown();

    assertThat(results.stream().filter(a -> a.status() == 201)).hasSize(50);
    assertThat(results.stream().filter(a -> a.status() == 409)).hasSize(150);
    StockLevels levels = stock.levels("HOT-1").orElseThrow();
    assertThat(levels.onHand()).isEqualTo(50);
    assertThat(levels.reserved()).isEqualTo(50);
    assertThat(levels.available()).isZero();
    assertThat(levels.sellable("storefront", 0)).isZero();
    assertThat(
            events(
                "stock-reservations--bigquery",
                e -> e.getType().equals(EventType.STOCK_RESERVED.ceType()),
                50))
        .hasSize(50);
  }

  @Test
  void aMultiLineOrderReservesAllLinesOrNone() {
    seed("PAIR-A", 5, 2);
    seed("PAIR-B", 1, 1);
    String both =
        "{\"channel\":\"storefront\",\"currency\":\"USD\",\"lines\":["
            + "{\"sku\":\"PAIR-A\",\"quantity\":2,\"unit_price_minor\":500},"
            + "{\"sku\":\"PAIR-B\",\"quantity\":2,\"unit_price_minor\":700}]}";

    Answer refused = order("pair-1", both);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("shortfalls").get(0).get("sku").asText()).isEqualTo("PAIR-B");
    assertThat(refused.json().get("shortfalls").get(0).get("available").asInt()).isEqualTo(1);
    assertThat(stock.levels("PAIR-A").orElseThrow().reserved()).isZero();
    assertThat(stock.levels("PAIR-B").orElseThrow().reserved()).isZero();
  }

  @Test
  void oneLineCanTakeUnitsFromSeveralShards() {
    seed("WIDE-1", 8, 4);

    Answer placed = order("wide-1", orderBody("WIDE-1", 7));

    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.json().get("status").asText()).isEqualTo("PLACED");
    StockLevels levels = stock.levels("WIDE-1").orElseThrow();
    assertThat(levels.reserved()).isEqualTo(7);
    assertThat(levels.available()).isEqualTo(1);
  }

  @Test
  void drainedShardsAreSpreadOutAgainWithoutChangingTheTotals() {
    seed("DRAIN-1", 9, 8);
    order("drain-a", orderBody("DRAIN-1", 1));
    // Eight shards configured, but every unit still sits in shard 0.
    stock.rewrite("DRAIN-1", facts -> facts.shardCount = 1, batch -> {});
    StockLevels before = stock.levels("DRAIN-1").orElseThrow();

    int moves = stock.rebalance("DRAIN-1", 8);

    StockLevels after = stock.levels("DRAIN-1").orElseThrow();
    assertThat(before.nonEmptyShards()).isEqualTo(1);
    assertThat(moves).isPositive();
    assertThat(after.nonEmptyShards()).isGreaterThanOrEqualTo(4);
    assertThat(after.available()).isEqualTo(8);
    assertThat(after.reserved()).isEqualTo(1);
  }
}
