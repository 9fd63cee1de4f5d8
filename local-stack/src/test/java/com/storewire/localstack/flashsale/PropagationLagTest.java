package com.storewire.localstack.flashsale;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.sandbox.core.Inventory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropagationLagTest {

  private static StorewireSide.Change change(int sellable, long version, long at) {
    return new StorewireSide.Change("S", "shopify", sellable, version, at);
  }

  @Test
  void aChangeLandsWithItsOwnQuantityOrALaterVersions() {
    List<StorewireSide.Change> changes =
        List.of(change(10, 1, 1000), change(9, 2, 1100), change(7, 3, 1200), change(7, 4, 1300));
    // 9 never went out on its own: the write of 7 (version 3) superseded it.
    List<Inventory.Write> writes =
        List.of(new Inventory.Write("S", 10, 1050), new Inventory.Write("S", 7, 1500));

    PropagationLag lag = PropagationLag.of(changes, writes, 0, sku -> false);

    // 10: 50 ms; 9: 400 ms (by 7); 7: 300 ms; version 4 changed nothing on the channel.
    assertThat(lag.latencies().sortedMillis()).containsExactly(50, 300, 400);
    assertThat(lag.unpropagated()).isZero();
  }

  @Test
  void aChangeNoWriteCarriedIsCountedAsNeverPropagated() {
    List<StorewireSide.Change> changes = List.of(change(10, 1, 1000), change(4, 2, 2000));
    List<Inventory.Write> writes =
        List.of(new Inventory.Write("S", 10, 1010), new Inventory.Write("S", 4, 1500));

    PropagationLag lag = PropagationLag.of(changes, writes, 0, sku -> false);

    assertThat(lag.latencies().sortedMillis()).containsExactly(10);
    assertThat(lag.unpropagated()).as("a write before the commit cannot carry it").isEqualTo(1);
  }
}
