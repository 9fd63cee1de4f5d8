package com.storewire.deploy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The Google provider's own schema, read from the jsii assembly ({@code package/.jsii}) of the CDK
 * for Terraform bindings that npm serves: the provider itself cannot be downloaded here, so {@code
 * terraform validate} cannot run, but {@code @cdktf/provider-google} is generated from the
 * provider's schema and names every resource, data source, argument and block with its Terraform
 * name.
 *
 * <p>What the assembly says, and what is read from it: a resource or data source is a class whose
 * docs summary is "Represents a {@code {@link …/docs/resources/… google_x}}" (or {@code
 * …/docs/data-sources/…}); the link text is the Terraform type. Its constructor's {@code config}
 * parameter is a datatype interface whose properties are the arguments and blocks: each property's
 * docs carry "Docs at Terraform Registry: {@code {@link …#<terraform_name> …}}" (the anchor is the
 * Terraform name: {@code fetchhDetails} is {@code geth_details}), {@code optional} marks what is
 * not required, and computed-only attributes are absent. A property whose type is another datatype
 * interface is a nested block of at most one, one typed as a list of them a block without an upper
 * bound; a required one must appear at least once. Meta-arguments (count, for_each, provider, …)
 * come from {@code cdktf.TerraformMetaArguments} and are not listed.
 *
 * <p>How it gets here (chosen over a Maven step or a Node script): on first use in a JVM, the
 * reduced schema is read from {@code target/provider-schema/}; when it is not there, {@code npm
 * pack} (served from npm's cache in ~/.npm when it has the package) puts each tarball there and
 * this class reduces its 99 MB assembly with Jackson's streaming parser, one type at a time, to a
 * few MB of JSON, and deletes the tarball. So the package coordinates live in one place (below), a
 * build with the reduced schema in target/ spends no time on npm (a cached {@code npm pack} of both
 * takes about 6 s), {@code -DskipTests} never needs npm, and an IDE run works like Maven's.
 */
record ProviderSchema(
    String provider, String version, Map<String, Block> resources, Map<String, Block> dataSources) {

  /** The npm packages, built from hashicorp/google and hashicorp/google-beta 6.50.0. */
  static final Map<String, String> PACKAGES =
      Map.of(
          "google", "@cdktf/provider-google@16.12.1",
          "google-beta", "@cdktf/provider-google-beta@16.12.1");

  /** Bump when the reduced form changes, so a stale cache in target/ is not read. */
  private static final int FORMAT = 1;

  private static final Path CACHE = Path.of("target", "provider-schema");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CLASS_LINK =
      Pattern.compile(
          "\\{@link https://registry\\.terraform\\.io/providers/hashicorp/([a-z-]+)/(\\d+\\.\\d+\\.\\d+)"
              + "/docs/(resources|data-sources)/\\S+ ([a-z0-9_]+)}");
  private static final Pattern PROPERTY_LINK =
      Pattern.compile("Docs at Terraform Registry: \\{@link \\S+#([A-Za-z0-9_]+) ");
  private static final Map<String, ProviderSchema> LOADED = new HashMap<>();

  /** The arguments (name to whether it is required) and nested blocks at one level. */
  record Block(Map<String, Boolean> arguments, Map<String, Nested> blocks) {}

  /** A nested block: how many times it may appear ({@code max} null: no upper bound). */
  record Nested(int min, Integer max, Block block) {}

  /** The schema of {@code google} or {@code google-beta}, loaded once per JVM. */
  static synchronized ProviderSchema of(String provider) {
    String spec = PACKAGES.get(provider);
    if (spec == null) {
      throw new IllegalArgumentException("no npm package for provider " + provider);
    }
    ProviderSchema schema = LOADED.computeIfAbsent(provider, p -> load(spec));
    if (!schema.provider().equals(provider)) {
      throw new IllegalStateException(spec + " describes provider " + schema.provider());
    }
    return schema;
  }

  private static ProviderSchema load(String spec) {
    Path reduced = CACHE.resolve(spec.replaceAll("[@/]", "_") + ".v" + FORMAT + ".json");
    try {
      if (!Files.exists(reduced)) {
        // Packed and written aside, then moved: a build running alongside never reads half a file.
        Files.createDirectories(CACHE);
        Path aside = Files.createTempDirectory(CACHE, "npm-pack");
        Path tarball = npmPack(spec, aside);
        Path partial = aside.resolve("schema.json");
        JSON.writeValue(partial.toFile(), fromTarball(tarball));
        Files.move(partial, reduced, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(tarball);
        Files.delete(aside);
      }
      return JSON.readValue(reduced.toFile(), ProviderSchema.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "provider schema from " + spec + ": needs npm and its registry (or its cache in ~/.npm)",
          e);
    }
  }

  /** {@code npm pack <spec>} into {@code dir}: the tarball's path. */
  private static Path npmPack(String spec, Path dir) throws IOException {
    Process npm =
        new ProcessBuilder(
                "npm", "pack", "--prefer-offline", "--silent", "--pack-destination", ".", spec)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (npm.waitFor() != 0) {
        throw new IOException("npm pack " + spec + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: npm pack " + spec, e);
    }
    // npm prints the tarball's file name last.
    String[] lines = out.split("\n");
    return dir.resolve(lines[lines.length - 1].strip());
  }

  /** Reduces the {@code package/.jsii} inside an npm tarball. */
  private static ProviderSchema fromTarball(Path tarball) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals("package/.jsii")) {
          return fromJsii(tar);
        }
      }
    }
    throw new IOException(tarball + " has no package/.jsii");
  }

  /**
   * Reduces a jsii assembly, streaming: only one type's tree is held at a time, and of each only
   * what the schema needs.
   */
  private static ProviderSchema fromJsii(InputStream jsii) throws IOException {
    Map<String, List<Property>> structs = new HashMap<>();
    Map<String, String> resources = new TreeMap<>(); // Terraform type -> config fqn
    Map<String, String> dataSources = new TreeMap<>();
    String provider = null;
    String version = null;
    try (JsonParser parser = new JsonFactory().setCodec(JSON).createParser(jsii)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (!field.equals("types")) {
          parser.skipChildren();
          continue;
        }
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String fqn = parser.currentName();
          parser.nextToken();
          JsonNode type = parser.readValueAsTree();
          if (type.path("datatype").asBoolean()) {
            structs.put(fqn, properties(type));
            continue;
          }
          Matcher link = CLASS_LINK.matcher(type.path("docs").path("summary").asText());
          if (!"class".equals(type.path("kind").asText()) || !link.find()) {
            continue;
          }
          provider = link.group(1);
          version = link.group(2);
          String config = null;
          for (JsonNode parameter : type.path("initializer").path("parameters")) {
            if (parameter.path("name").asText().equals("config")) {
              config = parameter.path("type").path("fqn").asText();
            }
          }
          if (config == null) {
            throw new IOException(fqn + " has no config parameter");
          }
          (link.group(3).equals("resources") ? resources : dataSources).put(link.group(4), config);
        }
      }
    }
    if (resources.isEmpty()) {
      throw new IOException("no resources in the jsii assembly");
    }
    return new ProviderSchema(
        provider, version, resolve(resources, structs), resolve(dataSources, structs));
  }

  /** A struct property: its Terraform name, and the struct it holds if it is a block. */
  private record Property(String name, boolean required, String struct, boolean many) {}

  private static List<Property> properties(JsonNode struct) {
    List<Property> out = new ArrayList<>();
    for (JsonNode p : struct.path("properties")) {
      // The link is in the remarks, or, where jsii read part of the text as a tag, in `custom`.
      // Two properties lose it to a "*/" in their description (message_transforms'
      // javascript_udf.code): their name is the camelCase property's, as cdktf derives it.
      Matcher link = PROPERTY_LINK.matcher(p.path("docs").toString());
      String name =
          link.find()
              ? link.group(1)
              : p.path("name").asText().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
      JsonNode type = p.path("type");
      boolean many = false;
      for (JsonNode alternative : type.path("union").path("types")) {
        if (alternative.has("collection")) {
          type = alternative;
        }
      }
      if (type.path("collection").path("kind").asText().equals("array")) {
        type = type.path("collection").path("elementtype");
        many = true;
      }
      String ref = type.has("fqn") ? type.path("fqn").asText() : null;
      out.add(new Property(name, !p.path("optional").asBoolean(), ref, many));
    }
    return out;
  }

  private static Map<String, Block> resolve(
      Map<String, String> types, Map<String, List<Property>> structs) throws IOException {
    Map<String, Block> out = new TreeMap<>();
    for (Map.Entry<String, String> type : types.entrySet()) {
      out.put(type.getKey(), block(type.getValue(), structs, new HashSet<>()));
    }
    return out;
  }

  private static Block block(String fqn, Map<String, List<Property>> structs, Set<String> path)
      throws IOException {
    List<Property> properties = structs.get(fqn);
    if (properties == null || !path.add(fqn)) {
      throw new IOException("no struct " + fqn + " (or a cycle through it)");
    }
    Map<String, Boolean> arguments = new TreeMap<>();
    Map<String, Nested> blocks = new TreeMap<>();
    for (Property p : properties) {
      if (p.struct() != null && structs.containsKey(p.struct())) {
        Block nested = block(p.struct(), structs, path);
        blocks.put(p.name(), new Nested(p.required() ? 1 : 0, p.many() ? null : 1, nested));
      } else {
        arguments.put(p.name(), p.required());
      }
    }
    path.remove(fqn);
    return new Block(arguments, blocks);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("jsii assembly: expected " + expected + ", found " + actual);
    }
  }
}
