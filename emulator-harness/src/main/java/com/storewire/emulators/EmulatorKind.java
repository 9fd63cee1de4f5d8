package com.storewire.emulators;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulators Storewire needs: how the Google Cloud CLI starts each, the variable Google's client
 * libraries read to find it, and a request that succeeds once it serves.
 */
public enum EmulatorKind {
  PUBSUB("pubsub", "PUBSUB_EMULATOR_HOST", "/v1/projects/ready-probe/topics") {
    @Override
    List<String> arguments(String hostPort) {
      // The project only names the emulator's default; every request names its own project.
      return List.of(
          "beta", "emulators", "pubsub", "start", "--host-port=" + hostPort, "--project=ready-probe");
    }
  },
  FIRESTORE("firestore", "FIRESTORE_EMULATOR_HOST", "/") {
    @Override
    List<String> arguments(String hostPort) {
      return List.of("emulators", "firestore", "start", "--host-port=" + hostPort);
    }
  };

  private final String shortName;
  private final String environmentVariable;
  private final String readinessPath;

  EmulatorKind(String shortName, String environmentVariable, String readinessPath) {
    this.shortName = shortName;
    this.environmentVariable = environmentVariable;
    this.readinessPath = readinessPath;
  }

  abstract List<String> arguments(String hostPort);

  /** The full command line that starts this emulator on {@code hostPort}. */
  public List<String> command(String gcloud, String hostPort) {
    List<String> command = new ArrayList<>();
    command.add(gcloud);
    command.addAll(arguments(hostPort));
    return List.copyOf(command);
  }

  /** The variable Google's client libraries read to find the emulator. */
  public String environmentVariable() {
    return environmentVariable;
  }

  /** A GET path that answers 200 once the emulator serves requests. */
  public String readinessPath() {
    return readinessPath;
  }

  /** Lower case, for log file names and messages: {@code pubsub}, {@code firestore}. */
  public String shortName() {
    return shortName;
  }
}
