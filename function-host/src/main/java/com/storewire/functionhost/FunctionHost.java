package com.storewire.functionhost;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one function's instances in one JVM, as Cloud Run runs them on separate machines: each
 * instance is a Functions Framework invoker server on its own loopback port, with its own class
 * loader over the function's classpath, so each keeps its own static and instance state (limiters,
 * caches, clients, tokens) as a separate instance would.
 *
 * <pre>
 * java -cp function-host.jar:java-function-invoker.jar com.storewire.functionhost.FunctionHost \
 *     --target com.example.MyFunction --instances 3 --classpath function.jar [--port 8080]
 * </pre>
 *
 * <p>{@code --port} (default {@code $PORT}) is the host's own control port, which answers only once
 * every instance serves: {@code GET /instances} lists the instances' base URLs, one a line, in
 * instance order. The instances' URLs are also printed. {@code FUNCTION_SIGNATURE_TYPE} is read
 * from the environment as the invoker reads it; every instance shares the process's environment, as
 * instances of one deployment share their configuration.
 */
public final class FunctionHost {

  private FunctionHost() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String target = required(options, "target");
    int count = Integer.parseInt(options.getOrDefault("instances", "1"));
    if (count < 1) {
      throw new IllegalArgumentException("--instances must be at least 1, not " + count);
    }
    URL[] classpath = classpath(required(options, "classpath"));
    int controlPort = Integer.parseInt(options.getOrDefault("port", System.getenv("PORT")));
    String signatureType = System.getenv("FUNCTION_SIGNATURE_TYPE");

    List<FunctionInstance> instances = start(count, target, signatureType, classpath);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> instances.forEach(FunctionInstance::close), "function-host-stop"));
    for (FunctionInstance instance : instances) {
      System.out.println(
          "function-host: " + target + " instance " + instance.index() + " at " + instance.url());
    }
    serveControl(controlPort, instances);
  }

  /** Starts the instances side by side (each loads and initialises the function on its own). */
  private static List<FunctionInstance> start(
      int count, String target, String signatureType, URL[] classpath) throws Exception {
    ExecutorService starters =
        Executors.newFixedThreadPool(
            Math.min(count, Runtime.getRuntime().availableProcessors()),
            runnable -> new Thread(runnable, "function-host-start"));
    try {
      List<Future<FunctionInstance>> starting = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        starting.add(
            starters.submit(() -> FunctionInstance.start(index, target, signatureType, classpath)));
      }
      List<FunctionInstance> instances = new ArrayList<>();
      for (Future<FunctionInstance> instance : starting) {
        instances.add(instance.get());
      }
      return instances;
    } finally {
      starters.shutdown();
    }
  }

  private static void serveControl(int port, List<FunctionInstance> instances) throws IOException {
    byte[] listing =
        instances.stream()
            .map(instance -> instance.url() + "\n")
            .collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8);
    HttpServer control =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    control.createContext(
        "/",
        exchange -> {
          try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals("/instances");
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? listing.length : -1);
            if (found) {
              try (OutputStream body = exchange.getResponseBody()) {
                body.write(listing);
              }
            }
          }
        });
    control.start();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "usage: FunctionHost --target CLASS --instances N --classpath PATH [--port PORT]");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** The invoker's --classpath syntax: entries split by the path separator, {@code dir/*} jars. */
  static URL[] classpath(String classpath) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.endsWith(File.separator + "*")) {
        Path directory = Path.of(entry.substring(0, entry.length() - 2));
        try (Stream<Path> files = Files.list(directory)) {
          for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(url(jar));
          }
        }
      } else {
        urls.add(url(Path.of(entry)));
      }
    }
    return urls.toArray(new URL[0]);
  }

  private static URL url(Path path) throws MalformedURLException {
    return path.toAbsolutePath().toUri().toURL();
  }
}
