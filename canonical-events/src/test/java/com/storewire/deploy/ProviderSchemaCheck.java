package com.storewire.deploy;

import com.storewire.deploy.HclStructure.Attribute;
import com.storewire.deploy.HclStructure.Block;
import com.storewire.deploy.HclStructure.Body;
import com.storewire.deploy.ProviderSchema.Nested;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code resource} and {@code data} block of the .tf files under a directory, checked against
 * the provider's schema as {@code terraform validate} would check it: the type exists in the
 * provider it uses ({@code provider = google-beta} picks the beta provider; otherwise the type's
 * prefix names it), every argument and nested block exists at its level (a {@code dynamic "x"}
 * block's {@code content} is checked as block x), arguments are not blocks nor blocks arguments,
 * required arguments and blocks are set, a block of at most one is not given twice, and no argument
 * is given twice. Each finding names the file and line, the resource's address, where in it, and
 * the wrong name.
 */
final class ProviderSchemaCheck {

  /** What the check found, and the resource and data source addresses it checked. */
  record Result(List<String> findings, List<String> checked) {}

  private static final Set<String> META_ARGUMENTS =
      Set.of("count", "for_each", "provider", "depends_on");
  private static final Set<String> RESOURCE_META_BLOCKS =
      Set.of("lifecycle", "provisioner", "connection");
  private static final Set<String> DATA_META_BLOCKS = Set.of("lifecycle");

  private final Path root;
  private final Function<String, ProviderSchema> schemas;
  private final List<String> findings = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  private ProviderSchemaCheck(Path root, Function<String, ProviderSchema> schemas) {
    this.root = root;
    this.schemas = schemas;
  }

  /**
   * Checks every .tf file under {@code root}; {@code schemas} gives a provider's schema by its
   * local name, or null for a provider it does not know.
   */
  static Result check(Path root, Function<String, ProviderSchema> schemas) {
    ProviderSchemaCheck check = new ProviderSchemaCheck(root, schemas);
    for (Path file : Terraform.files(root, ".tf")) {
      check.file(file);
    }
    return new Result(List.copyOf(check.findings), List.copyOf(check.checked));
  }

  private void file(Path file) {
    String name = root.relativize(file).toString();
    Body body;
    try {
      body = HclStructure.parse(Terraform.text(file));
    } catch (IllegalArgumentException e) {
      findings.add(name + ": cannot be read: " + e.getMessage());
      return;
    }
    for (Block block : body.blocks()) {
      boolean resource = block.type().equals("resource");
      if ((resource || block.type().equals("data")) && block.labels().size() == 2) {
        String type = block.labels().get(0);
        String address = (resource ? "" : "data.") + type + "." + block.labels().get(1);
        checked.add(address);
        Location at = new Location(name, address);
        String provider = provider(type, block.body());
        if (provider.equals("terraform")) {
          builtIn(at, block);
          continue;
        }
        ProviderSchema schema = schemas.apply(provider);
        if (schema == null) {
          at.report(block.line(), "", "no schema for provider \"%s\"", provider);
          continue;
        }
        Map<String, ProviderSchema.Block> types =
            resource ? schema.resources() : schema.dataSources();
        ProviderSchema.Block expected = types.get(type);
        if (expected == null) {
          at.report(
              block.line(),
              "",
              "unknown %s type \"%s\" in provider %s %s",
              resource ? "resource" : "data source",
              type,
              provider,
              schema.version());
          continue;
        }
        body(at, "", block, expected, resource ? RESOURCE_META_BLOCKS : DATA_META_BLOCKS);
      }
    }
  }

  /**
   * Terraform's own resource type, which no provider's schema has: {@code terraform_data} (its
   * arguments are {@code input} and {@code triggers_replace}, both optional).
   */
  private static void builtIn(Location at, HclStructure.Block block) {
    if (!block.labels().get(0).equals("terraform_data")) {
      at.report(block.line(), "", "unknown built-in type \"%s\"", block.labels().get(0));
      return;
    }
    for (Attribute a : block.body().attributes()) {
      if (!Set.of("input", "triggers_replace").contains(a.name())
          && !META_ARGUMENTS.contains(a.name())) {
        at.report(a.line(), "", "unknown argument \"%s\"", a.name());
      }
    }
    for (HclStructure.Block nested : block.body().blocks()) {
      if (!RESOURCE_META_BLOCKS.contains(nested.type())) {
        at.report(nested.line(), "", "unknown block \"%s\"", nested.type());
      }
    }
  }

  /** The provider a resource uses: its {@code provider} argument, or its type's prefix. */
  private static String provider(String type, Body body) {
    for (Attribute a : body.attributes()) {
      if (a.name().equals("provider")) {
        return a.expression().split("\\.")[0];
      }
    }
    return type.substring(0, type.indexOf('_'));
  }

  /** One block's body: {@code metaBlocks} is not null at the resource's own level. */
  private void body(
      Location at, String path, Block block, ProviderSchema.Block schema, Set<String> metaBlocks) {
    Body body = block.body();
    Map<String, List<Integer>> given = new LinkedHashMap<>();
    for (Attribute a : body.attributes()) {
      given.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a.line());
      if (metaBlocks != null && META_ARGUMENTS.contains(a.name())
          || schema.arguments().containsKey(a.name())) {
        continue;
      }
      if (schema.blocks().containsKey(a.name())) {
        at.report(
            a.line(),
            path,
            "\"%s\" is a block, not an argument: write %s { … }",
            a.name(),
            a.name());
      } else {
        at.report(a.line(), path, "unknown argument \"%s\"", a.name());
      }
    }
    given.forEach(
        (name, lines) -> {
          if (lines.size() > 1) {
            at.report(
                lines.get(1),
                path,
                "argument \"%s\" given %d times (lines %s)",
                name,
                lines.size(),
                lines.stream().map(String::valueOf).collect(Collectors.joining(", ")));
          }
        });
    schema
        .arguments()
        .forEach(
            (name, required) -> {
              if (required && !given.containsKey(name)) {
                at.report(block.line(), path, "missing required argument \"%s\"", name);
              }
            });

    Map<String, List<Integer>> blocks = new TreeMap<>();
    Set<String> dynamic = new HashSet<>();
    for (Block b : body.blocks()) {
      if (metaBlocks != null && metaBlocks.contains(b.type())) {
        continue;
      }
      boolean isDynamic = b.type().equals("dynamic") && b.labels().size() == 1;
      String name = isDynamic ? b.labels().get(0) : b.type();
      Nested nested = schema.blocks().get(name);
      if (nested == null) {
        if (schema.arguments().containsKey(name)) {
          at.report(b.line(), path, "\"%s\" is an argument, not a block: write %s = …", name, name);
        } else {
          at.report(b.line(), path, "unknown block \"%s\"", name);
        }
        continue;
      }
      String inner = path.isEmpty() ? name : path + "." + name;
      if (isDynamic) {
        dynamic.add(name);
        dynamicBlock(at, inner, b, nested.block());
      } else {
        blocks.computeIfAbsent(name, n -> new ArrayList<>()).add(b.line());
        body(at, inner, b, nested.block(), null);
      }
    }
    schema
        .blocks()
        .forEach(
            (name, nested) -> {
              List<Integer> lines = blocks.getOrDefault(name, List.of());
              int count = lines.size();
              if (count < nested.min() && !dynamic.contains(name)) {
                at.report(block.line(), path, "missing required block \"%s\"", name);
              }
              if (nested.max() != null && count > nested.max()) {
                at.report(
                    lines.get(nested.max()),
                    path,
                    "block \"%s\" given %d times, at most %d",
                    name,
                    count,
                    nested.max());
              }
            });
  }

  /** {@code dynamic "x" { for_each = …; iterator = …; content { … } }}: content is block x. */
  private void dynamicBlock(Location at, String path, Block dynamic, ProviderSchema.Block schema) {
    Set<String> allowed = Set.of("for_each", "iterator", "labels");
    boolean forEach = false;
    for (Attribute a : dynamic.body().attributes()) {
      forEach |= a.name().equals("for_each");
      if (!allowed.contains(a.name())) {
        at.report(a.line(), path, "unknown argument \"%s\" of a dynamic block", a.name());
      }
    }
    if (!forEach) {
      at.report(dynamic.line(), path, "dynamic block without for_each");
    }
    List<Block> content =
        dynamic.body().blocks().stream().filter(b -> b.type().equals("content")).toList();
    if (content.size() != 1 || dynamic.body().blocks().size() != 1) {
      at.report(dynamic.line(), path, "a dynamic block holds exactly one content block");
    }
    for (Block c : content) {
      body(at, path, c, schema, null);
    }
  }

  /** Where a finding is: file and resource address; the line comes with each finding. */
  private final class Location {
    private final String file;
    private final String address;

    Location(String file, String address) {
      this.file = file;
      this.address = address;
    }

    void report(int line, String path, String message, Object... args) {
      findings.add(
          String.format(
              "%s:%d: %s%s: %s",
              file, line, address, path.isEmpty() ? "" : " " + path, String.format(message, args)));
    }
  }
}
