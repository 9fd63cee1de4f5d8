package com.storewire.emulators;

import java.util.List;

/**
 * The emulators Storewire needs, how the Google Cloud CLI starts them and how to tell they are up.
 */
public enum EmulatorKind {
  PUBSUB("pubsub", "PUBSUB_EMULATOR_HOST", "/v1/projects/ready-probe/topics") {
    @Override
    List<String> arguments(String hostPort) {
      return List.of(
          "beta",
          "emulators",
          "pubsub",
          "start",
          "--host-port=" + hostPort,
          "--project=ready-probe");
    }
  },
  FIRESTORE("firestore", "FIRESTORE_EMULATOR_HOST", "/") {
    @Override
    List<String> arguments(String hostPort) {
      return List.of("emulators", "firestore", "start", "--host-port=" + hostPort);
    }
  };

  private final String component;
  private final String environmentVariable;
  private final String readinessPath;

  EmulatorKind(String component, String environmentVariable, String readinessPath) {
    this.component = component;
    this.environmentVariable = environmentVariable;
    this.readinessPath = readinessPath;
  }

  /** Arguments after {@code gcloud}. */
  abstract List<String> arguments(String hostPort);

  /** The variable Google's client libraries read to find the emulator. */
  public String environmentVariable() {
    return environmentVariable;
  }

  String component() {
    return component;
  }

  /** A GET that answers 200 once the emulator serves requests. */
  String readinessPath() {
    return readinessPath;
  }
}
