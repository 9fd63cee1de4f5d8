package com.storewire.intake.stock;

import static com.storewire.intake.stock.StockDocuments.ALLOCATIONS;
import static com.storewire.intake.stock.StockDocuments.AVAILABLE;
import static com.storewire.intake.stock.StockDocuments.CHANNEL_BUFFERS;
import static com.storewire.intake.stock.StockDocuments.DEFICIT;
import static com.storewire.intake.stock.StockDocuments.ON_HAND;
import static com.storewire.intake.stock.StockDocuments.RESERVED;
import static com.storewire.intake.stock.StockDocuments.SAFETY_STOCK;
import static com.storewire.intake.stock.StockDocuments.SHARD_COUNT;
import static com.storewire.intake.stock.StockDocuments.SHARD_SPAN;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.TransactionOptions;
import com.google.cloud.firestore.WriteBatch;
import com.storewire.intake.IntakeSettings;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Reads and rewrites SKU stock. Every write is optimistic: it carries the update time of each
 * document it was computed from, so a concurrent change makes it fail and be recomputed, and no
 * reader ever holds a lock a flash sale's writers would queue behind.
 */
@Singleton
public class StockStore {

  private static final int MAX_ATTEMPTS = 50;

  private final Firestore db;
  private final IntakeSettings settings;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public StockStore(Firestore db, IntakeSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  /**
   * The SKUs among these that Storewire has never received stock for. A SKU once known stays known
   * (SKU documents are never deleted), so known ones are remembered and not read again.
   */
  public Set<String> unknown(Collection<String> skus) {
    List<String> unchecked = skus.stream().filter(s -> !known.contains(s)).toList();
    Set<String> unknown = new LinkedHashSet<>();
    if (unchecked.isEmpty()) {
      return unknown;
    }
    DocumentReference[] refs =
        unchecked.stream().map(s -> StockDocuments.sku(db, s)).toArray(DocumentReference[]::new);
    for (DocumentSnapshot snapshot : await(db.getAll(refs))) {
      if (snapshot.exists()) {
        known.add(snapshot.getId());
      } else {
        unknown.add(snapshot.getId());
      }
    }
    return unknown;
  }

  /** The shards that still have units, as of now; a write planned from them is conditional. */
  public List<ShardUnits> nonEmptyShards(String sku) {
    QuerySnapshot shards =
        await(StockDocuments.shards(db, sku).whereGreaterThan(AVAILABLE, 0).get());
    return shards.getDocuments().stream().map(d -> units(sku, d)).toList();
  }

  public List<ShardUnits> shards(String sku, Collection<String> shardIds) {
    DocumentReference[] refs =
        shardIds.stream()
            .map(id -> StockDocuments.shard(db, sku, id))
            .toArray(DocumentReference[]::new);
    return await(db.getAll(refs)).stream().map(d -> units(sku, d)).toList();
  }

  /** The SKU's stock at one consistent read, without locks; empty for an unknown SKU. */
  public Optional<StockLevels> levels(String sku) {
    return await(
        db.runTransaction(
            tx -> {
              DocumentSnapshot doc = tx.get(StockDocuments.sku(db, sku)).get();
              if (!doc.exists()) {
                return Optional.<StockLevels>empty();
              }
              QuerySnapshot shards = tx.get(StockDocuments.shards(db, sku)).get();
              return Optional.of(levelsOf(doc, shards.getDocuments(), shards.getReadTime()));
            },
            TransactionOptions.createReadOnlyOptionsBuilder().build()));
  }

  /** Most SKU documents one listing request reads, so that a sparse partition answers promptly. */
  static final int MAX_SCANNED = 10_000;

  /** Shard references per concurrent batched read. */
  private static final int SHARD_READ_BATCH = 300;

  /**
   * One page of a partition's SKUs in SKU order, read at one consistent snapshot without locks. One
   * query reads the SKU documents the page is likely to need ({@code pageSize × count}, at most
   * {@link #MAX_SCANNED}): a partition is a hash of the id, which no index serves, so the documents
   * of other partitions are read and skipped. A page is therefore about, not exactly, {@code
   * pageSize} long; the next resumes after the last document read. Then the shards of the page's
   * SKUs are read by reference, in concurrent batches.
   *
   * @param after the last SKU an earlier page examined, or null to start
   * @param pageSize most SKUs to return
   */
  public ListedPage list(SkuPartition partition, String after, int pageSize) {
    int chunk = (int) Math.min(MAX_SCANNED, (long) pageSize * partition.count() + 1);
    return await(
        db.runTransaction(
            tx -> {
              Query query =
                  db.collection(StockDocuments.SKUS).orderBy(FieldPath.documentId()).limit(chunk);
              if (after != null) {
                query = query.startAfter(after);
              }
              QuerySnapshot skus = tx.get(query).get();
              List<DocumentSnapshot> page = new ArrayList<>();
              String cursor = after;
              for (QueryDocumentSnapshot doc : skus.getDocuments()) {
                if (page.size() == pageSize) {
                  break;
                }
                cursor = doc.getId();
                if (partition.contains(doc.getId())) {
                  page.add(doc);
                }
              }
              boolean end =
                  skus.size() < chunk && java.util.Objects.equals(cursor, lastId(skus, after));
              Timestamp readTime = skus.getReadTime();
              Map<String, List<DocumentSnapshot>> shards = shardsOf(tx, page);
              List<StockLevels> levels = new ArrayList<>(page.size());
              for (DocumentSnapshot doc : page) {
                levels.add(levelsOf(doc, shards.get(doc.getId()), readTime));
              }
              return new ListedPage(levels, end ? null : cursor);
            },
            TransactionOptions.createReadOnlyOptionsBuilder().build()));
  }

  /**
   * The shard documents of these SKUs, all read at once: by id up to each SKU's shard span, or, for
   * a SKU document written before spans were kept, by a query of its shards.
   */
  private Map<String, List<DocumentSnapshot>> shardsOf(
      com.google.cloud.firestore.Transaction tx, List<DocumentSnapshot> skuDocs)
      throws InterruptedException, ExecutionException {
    List<DocumentReference> refs = new ArrayList<>();
    Map<String, ApiFuture<QuerySnapshot>> queried = new HashMap<>();
    for (DocumentSnapshot doc : skuDocs) {
      Long span = doc.getLong(SHARD_SPAN);
      if (span == null) {
        queried.put(doc.getId(), tx.get(StockDocuments.shards(db, doc.getId())));
      } else {
        for (int shard = 0; shard < span; shard++) {
          refs.add(StockDocuments.shard(db, doc.getId(), Integer.toString(shard)));
        }
      }
    }
    List<ApiFuture<List<DocumentSnapshot>>> batches = new ArrayList<>();
    for (int from = 0; from < refs.size(); from += SHARD_READ_BATCH) {
      batches.add(
          tx.getAll(
              refs.subList(from, Math.min(refs.size(), from + SHARD_READ_BATCH))
                  .toArray(DocumentReference[]::new)));
    }
    Map<String, List<DocumentSnapshot>> bySku = new HashMap<>();
    for (List<DocumentSnapshot> batch : ApiFutures.allAsList(batches).get()) {
      for (DocumentSnapshot shard : batch) {
        if (shard.exists()) {
          String sku = shard.getReference().getParent().getParent().getId();
          bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(shard);
        }
      }
    }
    for (Map.Entry<String, ApiFuture<QuerySnapshot>> query : queried.entrySet()) {
      bySku.put(query.getKey(), new ArrayList<>(query.getValue().get().getDocuments()));
    }
    return bySku;
  }

  private static String lastId(QuerySnapshot docs, String orElse) {
    return docs.isEmpty() ? orElse : docs.getDocuments().get(docs.size() - 1).getId();
  }

  /**
   * A page of a listing.
   *
   * @param resumeAfter the last SKU examined, to resume after; null when no SKU is left
   */
  public record ListedPage(List<StockLevels> items, String resumeAfter) {}

  /** A SKU's levels from its document and its shards, read at one snapshot. */
  private static StockLevels levelsOf(
      DocumentSnapshot doc, List<? extends DocumentSnapshot> shards, Timestamp readTime) {
    long available = 0;
    long reserved = 0;
    int nonEmpty = 0;
    Timestamp changedAt = doc.getUpdateTime();
    for (DocumentSnapshot shard : shards == null ? List.<DocumentSnapshot>of() : shards) {
      available += longOf(shard, AVAILABLE);
      reserved += longOf(shard, RESERVED);
      nonEmpty += longOf(shard, AVAILABLE) > 0 ? 1 : 0;
      changedAt = later(changedAt, shard.getUpdateTime());
      readTime = later(readTime, shard.getReadTime());
    }
    return new StockLevels(
        doc.getId(),
        longOf(doc, ON_HAND),
        reserved,
        available,
        longOf(doc, SAFETY_STOCK),
        longOf(doc, DEFICIT),
        (int) longOf(doc, SHARD_COUNT),
        nonEmpty,
        buffers(doc),
        allocations(doc),
        readTime.getSeconds() * 1_000_000 + readTime.getNanos() / 1_000,
        changedAt == null
            ? null
            : Instant.ofEpochSecond(changedAt.getSeconds(), changedAt.getNanos()));
  }

  private static Timestamp later(Timestamp a, Timestamp b) {
    return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
  }

  /**
   * Changes what the SKU document says (on hand, safety stock, shard count, buffers) and recomputes
   * every shard's available units from it: {@code on_hand − safety_stock − reserved} spread evenly
   * over the shards, or a deficit when that is negative. Creates an unknown SKU.
   *
   * @param alsoWrite writes that must commit with the change (outbox entries, dedupe markers)
   */
  public void rewrite(String sku, Consumer<SkuFacts> change, Consumer<WriteBatch> alsoWrite) {
    for (int attempt = 1; ; attempt++) {
      DocumentReference skuRef = StockDocuments.sku(db, sku);
      DocumentSnapshot doc = await(skuRef.get());
      SkuFacts facts =
          doc.exists()
              ? new SkuFacts(
                  longOf(doc, ON_HAND),
                  longOf(doc, SAFETY_STOCK),
                  (int) longOf(doc, SHARD_COUNT),
                  new HashMap<>(buffers(doc)),
                  allocations(doc))
              : new SkuFacts(0, 0, settings.defaultShards(), new HashMap<>(), Map.of());
      change.accept(facts);
      Map<String, ChannelAllocation> allocations = facts.allocations();
      List<QueryDocumentSnapshot> shardDocs =
          await(StockDocuments.shards(db, sku).get()).getDocuments();
      long reserved = shardDocs.stream().mapToLong(d -> longOf(d, RESERVED)).sum();
      long ringFenced = allocations.values().stream().mapToLong(ChannelAllocation::remaining).sum();
      long pool = facts.onHand - facts.safetyStock - reserved - ringFenced;
      long toSpread = Math.max(0, pool);

      Map<String, QueryDocumentSnapshot> existing = new HashMap<>();
      shardDocs.forEach(d -> existing.put(d.getId(), d));
      Set<String> ids = new LinkedHashSet<>(existing.keySet());
      for (int i = 0; i < facts.shardCount; i++) {
        ids.add(Integer.toString(i));
      }
      // Shards past a lowered count keep their reserved units until released, so readers that
      // fetch shards by id need every id ever used.
      int span = ids.stream().mapToInt(Integer::parseInt).max().orElse(-1) + 1;

      WriteBatch batch = db.batch();
      Map<String, Object> skuFields = new HashMap<>();
      skuFields.put(SHARD_SPAN, span);
      skuFields.put(ON_HAND, facts.onHand);
      skuFields.put(SAFETY_STOCK, facts.safetyStock);
      skuFields.put(DEFICIT, Math.max(0, -pool));
      skuFields.put(SHARD_COUNT, facts.shardCount);
      skuFields.put(CHANNEL_BUFFERS, facts.channelBuffers);
      Map<String, Object> allocationFields = new HashMap<>();
      allocations.forEach(
          (channel, allocation) -> allocationFields.put(channel, allocation.fields()));
      skuFields.put(ALLOCATIONS, allocationFields);
      if (doc.exists()) {
        batch.update(skuRef, skuFields, Precondition.updatedAt(doc.getUpdateTime()));
      } else {
        batch.create(skuRef, skuFields);
      }
      for (String id : ids) {
        int index = Integer.parseInt(id);
        long share =
            index < facts.shardCount
                ? toSpread / facts.shardCount + (index < toSpread % facts.shardCount ? 1 : 0)
                : 0;
        DocumentReference ref = StockDocuments.shard(db, sku, id);
        QueryDocumentSnapshot current = existing.get(id);
        if (current == null) {
          batch.create(ref, Map.of(AVAILABLE, share, RESERVED, 0L));
        } else {
          batch.update(
              ref, Map.of(AVAILABLE, share), Precondition.updatedAt(current.getUpdateTime()));
        }
      }
      alsoWrite.accept(batch);
      try {
        batch.commit().get();
        return;
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e) || attempt >= MAX_ATTEMPTS) {
          throw new IllegalStateException("rewriting stock of " + sku + " failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /**
   * Spreads a drained SKU's units over its empty shards again, a pair of shards at a time: each
   * move is a small conditional write that rarely meets a buyer, unlike a rewrite of every shard. A
   * move that loses a race is skipped; the next round tries again. Returns the moves made.
   */
  public int rebalance(String sku, int shardCount) {
    int moves = 0;
    for (int round = 0; round < shardCount; round++) {
      List<ShardUnits> shards =
          await(StockDocuments.shards(db, sku).get()).getDocuments().stream()
              .map(d -> units(sku, d))
              .filter(s -> Integer.parseInt(s.shard()) < shardCount)
              .toList();
      ShardUnits full =
          shards.stream().max((a, b) -> Long.compare(a.available(), b.available())).orElse(null);
      ShardUnits empty = shards.stream().filter(s -> s.available() == 0).findAny().orElse(null);
      if (full == null || empty == null || full.available() < 2) {
        return moves;
      }
      long half = full.available() / 2;
      WriteBatch batch = db.batch();
      batch.update(
          StockDocuments.shard(db, sku, full.shard()),
          Map.of(AVAILABLE, full.available() - half),
          Precondition.updatedAt(full.updateTime()));
      batch.update(
          StockDocuments.shard(db, sku, empty.shard()),
          Map.of(AVAILABLE, empty.available() + half),
          Precondition.updatedAt(empty.updateTime()));
      try {
        batch.commit().get();
        moves++;
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e)) {
          throw new IllegalStateException("rebalancing " + sku + " failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return moves;
      }
    }
    return moves;
  }

  /**
   * Grants a new lot to every ring-fenced channel that has sold out its last one, from the units no
   * channel holds, and commits with the grants whatever {@code alsoWrite} adds (the events that
   * carry them to the channels). Returns the units granted per channel: none when no channel is due
   * or the pool is empty. A grant that loses a race for a shard is planned again.
   */
  public Map<String, Long> grantLots(
      String sku, BiConsumer<WriteBatch, Map<String, Long>> alsoWrite) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      DocumentSnapshot doc = await(StockDocuments.sku(db, sku).get());
      Map<String, ChannelAllocation> allocations = new HashMap<>(allocations(doc));
      List<String> due =
          new ArrayList<>(
              allocations.entrySet().stream()
                  .filter(a -> a.getValue().remaining() == 0 && a.getValue().lot() > 0)
                  .map(Map.Entry::getKey)
                  .toList());
      if (due.isEmpty()) {
        return Map.of();
      }
      List<ShardUnits> shards = new ArrayList<>(nonEmptyShards(sku));
      long pool = shards.stream().mapToLong(ShardUnits::available).sum();
      if (pool == 0) {
        return Map.of();
      }
      // No channel is always first to the last units.
      Collections.shuffle(due, ThreadLocalRandom.current());
      Collections.shuffle(shards, ThreadLocalRandom.current());
      Map<String, Long> grants = new LinkedHashMap<>();
      long toTake = 0;
      for (String channel : due) {
        ChannelAllocation allocation = allocations.get(channel);
        long units = Math.min(allocation.lot(), pool - toTake);
        if (units > 0) {
          grants.put(channel, units);
          allocations.put(
              channel,
              new ChannelAllocation(
                  allocation.lot(), allocation.granted() + units, allocation.sold()));
          toTake += units;
        }
      }
      WriteBatch batch = db.batch();
      for (ShardUnits shard : shards) {
        long take = Math.min(toTake, shard.available());
        if (take == 0) {
          break;
        }
        toTake -= take;
        batch.update(
            StockDocuments.shard(db, sku, shard.shard()),
            Map.of(AVAILABLE, shard.available() - take),
            Precondition.updatedAt(shard.updateTime()));
      }
      Map<String, Object> allocationFields = new HashMap<>();
      allocations.forEach(
          (channel, allocation) -> allocationFields.put(channel, allocation.fields()));
      batch.update(
          StockDocuments.sku(db, sku),
          Map.of(ALLOCATIONS, allocationFields),
          Precondition.updatedAt(doc.getUpdateTime()));
      alsoWrite.accept(batch, grants);
      try {
        batch.commit().get();
        return grants;
      } catch (ExecutionException e) {
        if (!Conflicts.isLostRace(e)) {
          throw new IllegalStateException("granting lots of " + sku + " failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("granting lots of " + sku + " kept losing races");
  }

  /** The mutable facts of a SKU that {@link #rewrite} recomputes its shards from. */
  public static final class SkuFacts {
    public long onHand;
    public long safetyStock;
    public int shardCount;
    public final Map<String, Integer> channelBuffers;

    /**
     * Lot size per ring-fenced channel; 0 or absent shares the pool. A channel leaving the ring
     * fence gives its unsold units back to the pool; one joining starts with no lot and is granted
     * one by the relay.
     */
    public final Map<String, Integer> channelLots = new HashMap<>();

    private final Map<String, ChannelAllocation> allocations;

    SkuFacts(
        long onHand,
        long safetyStock,
        int shardCount,
        Map<String, Integer> buffers,
        Map<String, ChannelAllocation> allocations) {
      this.onHand = onHand;
      this.safetyStock = safetyStock;
      this.shardCount = shardCount;
      this.channelBuffers = buffers;
      this.allocations = allocations;
      allocations.forEach((channel, allocation) -> channelLots.put(channel, allocation.lot()));
    }

    Map<String, ChannelAllocation> allocations() {
      Map<String, ChannelAllocation> kept = new HashMap<>();
      channelLots.forEach(
          (channel, lot) -> {
            if (lot > 0) {
              ChannelAllocation before =
                  allocations.getOrDefault(channel, new ChannelAllocation(lot, 0, 0));
              kept.put(channel, new ChannelAllocation(lot, before.granted(), before.sold()));
            }
          });
      return kept;
    }
  }

  static ShardUnits units(String sku, DocumentSnapshot shard) {
    return new ShardUnits(
        sku,
        shard.getId(),
        longOf(shard, AVAILABLE),
        longOf(shard, RESERVED),
        shard.getUpdateTime());
  }

  public static long longOf(DocumentSnapshot doc, String field) {
    Long value = doc.getLong(field);
    return value == null ? 0 : value;
  }

  /** The ring-fenced channels' lots a SKU document holds. */
  public static Map<String, ChannelAllocation> allocations(DocumentSnapshot skuDoc) {
    return ChannelAllocation.parse(skuDoc.get(ALLOCATIONS));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> buffers(DocumentSnapshot doc) {
    Map<String, Object> raw = (Map<String, Object>) doc.get(CHANNEL_BUFFERS);
    Map<String, Integer> buffers = new HashMap<>();
    if (raw != null) {
      raw.forEach((k, v) -> buffers.put(k, ((Number) v).intValue()));
    }
    return buffers;
  }

  public static <T> T await(com.google.api.core.ApiFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Firestore call failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
