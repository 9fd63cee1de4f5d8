package com.storewire.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an emulator's output goes: {@code target/emulators/<kind>-<port>.log} in a Maven module,
 * else a temporary directory, so that a failure can quote the last lines and a person can read the
 * rest.
 */
final class EmulatorLog {

  private static final int TAIL_LINES = 20;

  private EmulatorLog() {}

  static Path create(EmulatorKind kind, int port) {
    Path target = Path.of("target");
    Path directory =
        Files.isDirectory(target)
            ? target.resolve("emulators")
            : Path.of(System.getProperty("java.io.tmpdir"), "storewire-emulators");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    return directory.resolve(kind.shortName() + "-" + port + ".log").toAbsolutePath();
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
