package com.storewire.dataflow.bigquery;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;

/**
 * How every Storewire table is written: the Storage Write API at least once, tables created from
 * the catalog's schema when missing, rows appended.
 *
 * <p>At least once rather than exactly once: every event carries an id that stays the same across
 * redeliveries and replays, so a duplicate row is harmless: the views dedupe by {@code event_id},
 * or by order id where one order can reach Storewire through two publishers. Exactly-once would add
 * a shuffle and a stream commit to every table and would still not catch those publisher-side
 * duplicates. At-least-once also needs no triggering frequency, so rows are queryable within
 * seconds.
 */
final class StorageWrites {

  private StorageWrites() {}

  static <T> BigQueryIO.Write<T> configure(BigQueryIO.Write<T> write, BigQueryServices services) {
    BigQueryIO.Write<T> configured =
        write
            .withMethod(Method.STORAGE_API_AT_LEAST_ONCE)
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND);
    return services == null ? configured : configured.withTestServices(services);
  }
}
