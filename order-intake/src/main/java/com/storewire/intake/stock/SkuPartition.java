package com.storewire.intake.stock;

/**
 * One of {@code count} disjoint parts of the SKU space, so that several readers (the reconciliation
 * job's tasks) can each list their own share of every known SKU. The contract, which a reader
 * computes the same way: SKU {@code s} belongs to partition {@code Math.floorMod(s.hashCode(),
 * count)}, where {@code hashCode} is {@link String#hashCode()} (stable across JVMs and releases, as
 * its specification fixes it). Every SKU is in exactly one partition.
 *
 * @param index this partition, 0 to {@code count - 1}
 * @param count how many partitions the SKU space is split into, at least 1
 */
public record SkuPartition(int index, int count) {

  public static final SkuPartition ALL = new SkuPartition(0, 1);

  public SkuPartition {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("no partition " + index + " of " + count);
    }
  }

  /** The partition a SKU belongs to among {@code count}. */
  public static int of(String sku, int count) {
    return Math.floorMod(sku.hashCode(), count);
  }

  public boolean contains(String sku) {
    return of(sku, count) == index;
  }
}
