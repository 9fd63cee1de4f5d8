package com.storewire.intake.gcp;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.storewire.intake.IntakeSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The Google Cloud clients, pointed at the emulators when configured to be. */
@Factory
final class GcpClients {

  @Singleton
  @Bean(preDestroy = "close")
  Firestore firestore(IntakeSettings settings) {
    FirestoreOptions.Builder options =
        FirestoreOptions.newBuilder().setProjectId(settings.projectId());
    String emulator = blankAsNull(settings.firestoreEmulatorHost());
    if (emulator != null) {
      // setEmulatorHost with emulator credentials: NoCredentials would make it ignore the host.
      options.setEmulatorHost(emulator).setCredentials(new FirestoreOptions.EmulatorCredentials());
    }
    return options.build().getService();
  }

  @Singleton
  @Bean(preDestroy = "close")
  TopicPublishers topicPublishers(IntakeSettings settings) {
    return new TopicPublishers(settings.projectId(), blankAsNull(settings.pubsubEmulatorHost()));
  }

  /** application.yml gives "" for an emulator that is not set (FIRESTORE_/PUBSUB_EMULATOR_HOST). */
  private static String blankAsNull(String configured) {
    return configured != null && !configured.isBlank() ? configured : null;
  }
}
