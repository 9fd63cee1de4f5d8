package com.storewire.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's terraform, parsed with hcl4j. hcl4j evaluates every reference it can resolve and
 * turns the rest into null, so {@code local.}, {@code var.} and {@code module.} references are
 * renamed before parsing and renamed back after: they stay as their source text ({@code
 * "local.catalog.topics"}). Index expressions come back flattened ({@code local.sa["x"]} as {@code
 * local.sa.value}) and for-expressions as opaque objects; tests read those from the file text.
 */
final class Terraform {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path ROOT = REPO.resolve("terraform");
  static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

  private Terraform() {}

  static Path module(String name) {
    return ROOT.resolve("modules").resolve(name);
  }

  static Path environment(String name) {
    return ROOT.resolve("environments").resolve(name);
  }

  /** The environment root's one call of the platform module, parsed. */
  static Map<String, Object> platformCall(String env) {
    return map(parseDirectory(environment(env)), "module", "platform");
  }

  /** A path an environment root gives as {@code "${path.root}/..."}, resolved from that root. */
  static Path fromRoot(String env, Object expression) {
    String prefix = "path.root/";
    if (!(expression instanceof String path) || !path.startsWith(prefix)) {
      throw new AssertionError(env + ": not a path under ${path.root}: " + expression);
    }
    return environment(env).resolve(path.substring(prefix.length())).normalize();
  }

  /** Every .tf and .tfvars file under terraform/. */
  static List<Path> files() {
    return files(ROOT, ".tf", ".tfvars");
  }

  /** Every file under {@code root} (terraform/, or a test's own) whose name ends so. */
  static List<Path> files(Path root, String... suffixes) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(p -> Stream.of(suffixes).anyMatch(p.toString()::endsWith))
          .filter(p -> !p.toString().contains("/.terraform/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One file's top-level blocks and attributes. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(Path file) {
    String text =
        text(file)
            .replaceAll("\\blocal\\.", "local__.")
            .replaceAll("\\bvar\\.", "var__.")
            .replaceAll("\\bmodule\\.", "module__.");
    try {
      Map<String, Object> parsed = new HCLParser().parse(text, false);
      return (Map<String, Object>) restore(parsed);
    } catch (Exception e) {
      throw new AssertionError("hcl4j cannot parse " + ROOT.relativize(file) + ": " + e, e);
    }
  }

  /** All .tf files of a directory (one module or root), merged block by block. */
  static Map<String, Object> parseDirectory(Path dir) {
    Map<String, Object> merged = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.toString().endsWith(".tf"))
          .sorted()
          .forEach(f -> merge(merged, parse(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return merged;
  }

  /** The text of a directory's .tf files, concatenated. */
  static String directoryText(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return String.join(
          "\n",
          files.filter(p -> p.toString().endsWith(".tf")).sorted().map(Terraform::text).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
        throw new AssertionError("no " + String.join(".", path) + " (missing " + key + ")");
      }
      current = m.get(key);
    }
    if (!(current instanceof Map<?, ?>)) {
      throw new AssertionError(String.join(".", path) + " is not a block: " + current);
    }
    return (Map<String, Object>) current;
  }

  /** Every string anywhere in a parsed tree. */
  static List<String> strings(Object node) {
    List<String> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(Object node, List<String> out) {
    if (node instanceof String s) {
      out.add(s);
    } else if (node instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> collect(k, out));
      m.values().forEach(v -> collect(v, out));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collect(v, out));
    }
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach(
        (k, v) -> {
          Object existing = into.get(k);
          if (existing instanceof Map<?, ?> e && v instanceof Map<?, ?> n) {
            merge((Map<String, Object>) e, (Map<String, Object>) n);
          } else {
            into.put(k, v);
          }
        });
  }

  private static Object restore(Object node) {
    if (node instanceof String s) {
      return s.replace("local__.", "local.")
          .replace("var__.", "var.")
          .replace("module__.", "module.");
    }
    if (node instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(restore(k), restore(v)));
      return out;
    }
    if (node instanceof List<?> l) {
      return l.stream().map(Terraform::restore).toList();
    }
    if (node == null || node instanceof Number || node instanceof Boolean) {
      return node;
    }
    // hcl4j's unevaluated references and expressions: keep their source-like text.
    return restore(node.toString());
  }
}
