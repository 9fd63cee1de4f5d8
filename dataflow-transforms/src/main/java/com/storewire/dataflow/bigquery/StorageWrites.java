package com.storewire.dataflow.bigquery;

import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.Method;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;

/**
 * How every Storewire table is written: the Storage Write API at least once, rows appended to a
 * table that must exist. Terraform creates every table from the catalog export (partitioned,
 * clustered, with {@code require_partition_filter}) before it creates the views over them and
 * before it launches the pipelines; a pipeline that created a missing table would create it without
 * those settings, and a view deployed first would have nothing to read.
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
            .withCreateDisposition(CreateDisposition.CREATE_NEVER)
            .withWriteDisposition(WriteDisposition.WRITE_APPEND);
    return services == null ? configured : configured.withTestServices(services);
  }
}
