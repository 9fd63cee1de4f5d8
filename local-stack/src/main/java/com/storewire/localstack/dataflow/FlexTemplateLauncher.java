package com.storewire.localstack.dataflow;

import com.storewire.localstack.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Does on this machine what Dataflow's Flex Template launcher does with a template spec: checks the
 * launch's parameters against the template's metadata, refusing it as Dataflow does, then starts
 * the template's main class from the template's jar, alone on its classpath, in a JVM of its own,
 * with each parameter as {@code --name=value}, the launch environment's options, and {@code
 * --runner=DirectRunner} where Dataflow gives {@code DataflowRunner}. A batch launch returns when
 * the pipeline has finished; a streaming one returns it running, until it is closed.
 *
 * <p>No Beam here: the local stack keeps the services' dependency set, and the template jar brings
 * its own, as on Dataflow.
 */
public final class FlexTemplateLauncher {

  /** Where the templates' metadata files and main classes are, under the repository. */
  public static final String TEMPLATES = "dataflow-transforms/src/main/flex-templates";

  /** The template jar dataflow-transforms' {@code package} shades, which Cloud Build ships. */
  public static final String JAR =
      "dataflow-transforms/target/dataflow-transforms-flex-template.jar";

  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path templates;
  private final Path jar;
  private final Path logs;
  private final Duration batchTimeout;

  /**
   * @param templates the metadata files and {@value FlexTemplate#MAIN_CLASSES}
   * @param jar the template jar
   * @param logs where each launch's output goes, one file per launch
   * @param batchTimeout how long a batch pipeline may run before it is stopped as failed
   */
  public FlexTemplateLauncher(Path templates, Path jar, Path logs, Duration batchTimeout) {
    this.templates = templates;
    this.jar = jar;
    this.logs = logs;
    this.batchTimeout = batchTimeout;
  }

  /** The build's templates and jar in this repository, logs in {@code .storewire/logs}. */
  public static FlexTemplateLauncher local() {
    Path home = LocalServices.home();
    return new FlexTemplateLauncher(
        home.resolve(TEMPLATES),
        home.resolve(JAR),
        home.resolve(".storewire/logs"),
        Duration.ofHours(6));
  }

  public FlexTemplate template(String name) {
    return FlexTemplate.read(templates, name);
  }

  /**
   * Launches template {@code name}.
   *
   * @param parameters the template's parameters, checked against its metadata
   * @param environment pipeline options the launch environment sets, not the template: Dataflow's
   *     launcher sets the project, region and temp location so; here, e.g., {@code project} and
   *     {@code pubsubRootUrl} for the emulators. Neither a template parameter nor the runner.
   * @throws InvalidTemplateParametersException when Dataflow would refuse the launch; nothing was
   *     started then
   * @throws IllegalStateException when a batch pipeline failed or ran past the timeout
   */
  public LaunchedPipeline launch(
      String name, Map<String, String> parameters, Map<String, String> environment) {
    FlexTemplate template = template(name);
    template.validate(parameters);
    List<String> clashes = new ArrayList<>();
    for (String option : new TreeMap<>(environment).keySet()) {
      if (option.equals("runner")
          || template.parameters().stream().anyMatch(p -> p.name().equals(option))) {
        clashes.add(
            "'"
                + option
                + "' is not the launch environment's to set"
                + (option.equals("runner") ? ": the launcher runs DirectRunner" : ""));
      }
    }
    if (!clashes.isEmpty()) {
      throw new InvalidTemplateParametersException(name, clashes);
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: `mvn package` in dataflow-transforms (or ./storewire) builds it");
    }

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", jar.toAbsolutePath().toString(), template.mainClass()));
    new TreeMap<>(parameters).forEach((key, value) -> command.add("--" + key + "=" + value));
    new TreeMap<>(environment).forEach((key, value) -> command.add("--" + key + "=" + value));
    command.add("--runner=DirectRunner");
    Path log;
    Process process;
    try {
      Files.createDirectories(logs);
      log = logs.resolve(name + "-" + LocalDateTime.now().format(LOG_TIME) + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // The template jar is the whole classpath, as in the template's image.
      builder.environment().remove("CLASSPATH");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    LaunchedPipeline launched = new LaunchedPipeline(template, process, log);
    if (!template.streaming()) {
      awaitBatch(launched);
    }
    return launched;
  }

  private void awaitBatch(LaunchedPipeline launched) {
    String name = launched.template().name();
    try {
      if (!launched.process().waitFor(batchTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        launched.close();
        throw new IllegalStateException(
            name + " was still running after " + batchTimeout + "; see " + launched.log());
      }
    } catch (InterruptedException e) {
      launched.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
    int exit = launched.process().exitValue();
    if (exit != 0) {
      throw new IllegalStateException(
          name + " failed (exit code " + exit + "):\n" + launched.logTail(15));
    }
  }
}
