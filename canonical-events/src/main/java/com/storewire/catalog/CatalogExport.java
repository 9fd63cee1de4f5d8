package com.storewire.catalog;

import com.storewire.deployment.Deployment;
import com.storewire.deployment.DeploymentJson;
import com.storewire.events.EventSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the catalog where the build puts it ({@code target/classes/catalog/}, so it also ships in
 * the jar): {@code storewire-catalog.json}, the Avro schema Pub/Sub topics validate against, one
 * BigQuery JSON schema per table, and the deployment description ({@code
 * storewire-deployment.json}). Run by the build; never edit its output by hand.
 */
public final class CatalogExport {

  public static final String CATALOG_FILE = "storewire-catalog.json";
  public static final String AVRO_SCHEMA_FILE = EventSchema.PUBSUB_SCHEMA_NAME + ".avsc";

  private CatalogExport() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CatalogExport OUTPUT_DIRECTORY");
      System.exit(2);
    }
    export(Catalog.storewire(), Path.of(args[0]));
  }

  public static void export(Catalog catalog, Path directory) throws IOException {
    write(directory.resolve(CATALOG_FILE), CatalogJson.render(catalog));
    write(directory.resolve(AVRO_SCHEMA_FILE), EventSchema.current().toString(true) + "\n");
    write(directory.resolve(DeploymentJson.FILE), DeploymentJson.render(Deployment.storewire()));
    for (TableSpec table : catalog.tables()) {
      write(directory.resolve(bigQuerySchemaFile(table)), CatalogJson.renderSchema(table.schema()));
    }
  }

  static String bigQuerySchemaFile(TableSpec table) {
    return "bigquery/" + table.table() + ".json";
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
