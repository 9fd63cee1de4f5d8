package com.storewire.localstack.flashsale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector alerts in the functions' JSON logs: the entries with {@code alert_vendor}, which in
 * Google Cloud a log-based metric counts and an alert policy fires on. Locally the logs are files.
 */
final class AlertLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertLog() {}

  static List<JsonNode> read(List<Path> logs) {
    List<JsonNode> alerts = new ArrayList<>();
    for (Path log : logs) {
      try (var lines = Files.lines(log)) {
        lines
            .filter(line -> line.startsWith("{") && line.contains("\"alert_vendor\""))
            .forEach(
                line -> {
                  try {
                    alerts.add(JSON.readTree(line));
                  } catch (IOException cutShort) {
                    // a line still being written when the log was read
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + log, e);
      }
    }
    return alerts;
  }
}
