package com.storewire.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  @AfterEach
  void clearOverride() {
    System.clearProperty(GcloudLocator.PROPERTY);
  }

  @Test
  void closeStopsTheWholeProcessTreeAndFreesThePort() {
    RunningEmulator emulator = RunningEmulator.start(EmulatorKind.PUBSUB);
    String portArgument = "--port=" + emulator.port();
    assertThat(RunningEmulator.acceptsConnections(emulator.port())).isTrue();
    assertThat(emulatorProcessesWith(portArgument)).isPositive();

    emulator.close();

    assertThat(RunningEmulator.acceptsConnections(emulator.port())).isFalse();
    assertThat(emulatorProcessesWith(portArgument)).isZero();
    assertThat(emulator.startupTime()).isPositive();
  }

  @Test
  void aMissingCliFailsAtOnceWithAOneLineInstallHint(@org.junit.jupiter.api.io.TempDir Path dir) {
    System.setProperty(GcloudLocator.PROPERTY, dir.resolve("no-such-gcloud").toString());

    assertThatThrownBy(() -> RunningEmulator.start(EmulatorKind.FIRESTORE))
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("gcloud not found")
        .hasMessageContaining("apt-get install google-cloud-cli")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aCliWithoutTheComponentSaysWhichIsMissing(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path fakeGcloud = dir.resolve("gcloud");
    Files.writeString(
        fakeGcloud,
        "#!/bin/sh\necho 'ERROR: (gcloud.emulators.firestore.start) You do not currently have this"
            + " command group installed.  Using it requires the installation of components:"
            + " [cloud-firestore-emulator]' >&2\nexit 1\n");
    assertThat(fakeGcloud.toFile().setExecutable(true)).isTrue();
    System.setProperty(GcloudLocator.PROPERTY, fakeGcloud.toString());

    assertThatThrownBy(() -> RunningEmulator.start(EmulatorKind.FIRESTORE))
        .isInstanceOf(EmulatorUnavailableException.class)
        .hasMessageContaining("firestore emulator component is missing")
        .hasMessageContaining("google-cloud-cli-firestore-emulator");
  }

  /** Processes anywhere on the machine that serve this port, wrapper or Java child. */
  private static long emulatorProcessesWith(String portArgument) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(portArgument))
        .count();
  }
}
