package com.storewire.localstack.flashsale;

import com.storewire.localstack.Latencies;
import com.storewire.sandbox.core.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How long each change of a channel's sellable quantity took from its commit in order-intake to the
 * channel's copy. The vendor's API sees quantities, not versions, so a change counts as propagated
 * by the first write at or after its commit of its own quantity or of a later version's (a later
 * version supersedes it: the connector coalesces). A version that leaves the channel's quantity as
 * it was is no change for that channel, except on a ring-fenced SKU: there each version is a new
 * lot, which the channel's copy counted down to 0 in between.
 */
record PropagationLag(Latencies latencies, long unpropagated) {

  static PropagationLag of(
      List<StorewireSide.Change> changes,
      List<Inventory.Write> writes,
      long fromMillis,
      Predicate<String> ringFenced) {
    Map<String, List<StorewireSide.Change>> bySku =
        changes.stream().collect(Collectors.groupingBy(StorewireSide.Change::sku));
    Map<String, List<Inventory.Write>> writesBySku =
        writes.stream().collect(Collectors.groupingBy(Inventory.Write::sku));
    Latencies latencies = new Latencies();
    long unpropagated = 0;
    for (Map.Entry<String, List<StorewireSide.Change>> sku : bySku.entrySet()) {
      List<StorewireSide.Change> versions = new ArrayList<>(sku.getValue());
      versions.sort(Comparator.comparingLong(StorewireSide.Change::version));
      List<Inventory.Write> skuWrites = writesBySku.getOrDefault(sku.getKey(), List.of());
      for (int i = 0; i < versions.size(); i++) {
        StorewireSide.Change change = versions.get(i);
        boolean unchanged =
            i > 0
                && versions.get(i - 1).sellable() == change.sellable()
                && !ringFenced.test(sku.getKey());
        if (change.atMillis() < fromMillis || unchanged) {
          continue;
        }
        Long landed = firstLanding(versions.subList(i, versions.size()), skuWrites);
        if (landed == null) {
          unpropagated++;
        } else {
          latencies.addMillis(Math.max(0, landed - change.atMillis()));
        }
      }
    }
    return new PropagationLag(latencies, unpropagated);
  }

  /** When the first of {@code fromThis} (this version and later ones) reached the vendor. */
  private static Long firstLanding(
      List<StorewireSide.Change> fromThis, List<Inventory.Write> writes) {
    long committed = fromThis.get(0).atMillis();
    for (Inventory.Write write : writes) {
      if (write.atMillis() < committed) {
        continue;
      }
      boolean carriesThisOrLater =
          fromThis.stream()
              .anyMatch(c -> c.sellable() == write.quantity() && c.atMillis() <= write.atMillis());
      if (carriesThisOrLater) {
        return write.atMillis();
      }
    }
    return null;
  }
}
