package com.storewire.reconciliation;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.storewire.emulators.Emulators;
import com.storewire.emulators.TestProject;

/** A Firestore client on the emulator, in the test's own project. */
final class EmulatorFirestore {

  private EmulatorFirestore() {}

  static Firestore of(Emulators emulators, TestProject project) {
    // Emulator credentials: NoCredentials would make the client ignore the emulator's host.
    return FirestoreOptions.getDefaultInstance().toBuilder()
        .setProjectId(project.id())
        .setEmulatorHost(emulators.firestore().hostPort())
        .setCredentials(new FirestoreOptions.EmulatorCredentials())
        .build()
        .getService();
  }
}
