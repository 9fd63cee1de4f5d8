package com.storewire.localstack.dataflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pipeline the {@link FlexTemplateLauncher} started: a batch one has already finished; a
 * streaming one runs until it is closed, which stops its JVM.
 */
public final class LaunchedPipeline implements AutoCloseable {

  private final FlexTemplate template;
  private final Process process;
  private final Path log;

  LaunchedPipeline(FlexTemplate template, Process process, Path log) {
    this.template = template;
    this.process = process;
    this.log = log;
  }

  public FlexTemplate template() {
    return template;
  }

  /** Everything the pipeline's JVM wrote. */
  public Path log() {
    return log;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the pipeline's JVM to end, as a streaming one does only once stopped. */
  public int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops the pipeline's JVM and whatever it started; nothing to do once it has finished. */
  @Override
  public void close() {
    com.storewire.localstack.JavaProcess.stopTree(process);
  }
}
