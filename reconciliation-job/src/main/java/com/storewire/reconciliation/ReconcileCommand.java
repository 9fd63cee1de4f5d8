package com.storewire.reconciliation;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import com.google.cloud.firestore.Firestore;
import com.storewire.connectors.core.EventPublisher;
import com.storewire.connectors.core.FirestoreRefreshTokens;
import com.storewire.connectors.core.Firestores;
import com.storewire.reconciliation.intake.OrderIntakeClient;
import com.storewire.reconciliation.parked.ParkedMessages;
import com.storewire.reconciliation.parked.ParkedReplay;
import com.storewire.reconciliation.run.CheckpointStore;
import com.storewire.reconciliation.run.Marketplace;
import com.storewire.reconciliation.run.ReconciliationTask;
import com.storewire.reconciliation.run.RunReport;
import com.storewire.reconciliation.run.TaskSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Cloud Run job's entry point: runs one task to completion and exits 0 only when it finished
 * with every marketplace read; configuration comes from the environment (Cloud Run's task
 * variables, Secret Manager's vendor credentials), as the connector functions take theirs.
 */
@Command(
    name = "reconciliation-job",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile marketplaces' stock and orders with order-intake; replay parked messages.")
public final class ReconcileCommand implements Callable<Integer> {

  /**
   * The job's own collection for the Shopify refresh token it rotates: it signs in as a read-only
   * app of its own, never with the connector functions' token.
   */
  static final String CREDENTIALS = "reconciliation_credentials";

  @Option(names = "--dry-run", description = "Report differences; correct and replay nothing.")
  boolean dryRun;

  @Option(names = "--report", description = "Also write the task's JSON report to this file.")
  Path reportFile;

  private final Map<String, String> env;

  public ReconcileCommand(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReconcileCommand(System.getenv())).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    RunReport report = runTask(env, dryRun);
    System.out.print(report.toTable());
    if (reportFile != null) {
      Files.writeString(reportFile, report.toJson());
    }
    return report.failed() ? 1 : 0;
  }

  /**
   * Cloud Run admits only order-intake's invokers: the job's service account proves itself with an
   * ID token for order-intake's URL, from the metadata server (the local stack runs a stand-in of
   * it, and its front refuses a call without a token as Cloud Run does).
   */
  static Supplier<String> identityToken(String intakeUrl) {
    try {
      IdTokenCredentials credentials =
          IdTokenCredentials.newBuilder()
              .setIdTokenProvider((IdTokenProvider) GoogleCredentials.getApplicationDefault())
              .setTargetAudience(intakeUrl)
              .build();
      return () -> {
        try {
          credentials.refreshIfExpired();
          return credentials.getIdToken().getTokenValue();
        } catch (IOException e) {
          throw new UncheckedIOException("no ID token for order-intake", e);
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("no application default credentials", e);
    }
  }

  /** Runs the task the environment describes, as the job's identity from the metadata server. */
  public static RunReport runTask(Map<String, String> env, boolean dryRun) throws Exception {
    return runTask(env, dryRun, ReconcileCommand::identityToken);
  }

  /**
   * Runs the task the environment describes; {@code identityTokens} gives the job's ID token for an
   * audience. The local stack runs its tasks in its own JVM this way, with tokens its stand-in for
   * Google mints for the job's service account (a JVM has one metadata server).
   */
  public static RunReport runTask(
      Map<String, String> env,
      boolean dryRun,
      java.util.function.Function<String, Supplier<String>> identityTokens)
      throws Exception {
    TaskSettings task = TaskSettings.fromEnv(env, dryRun);
    Clock clock = Clock.systemUTC();
    try (Firestore db = Firestores.open(task.project(), task.checkpointDatabase(), env);
        EventPublisher publisher = new EventPublisher(env);
        ParkedMessages parked =
            new ParkedMessages(task.project(), env.get("PUBSUB_EMULATOR_HOST"))) {
      return new ReconciliationTask(
              task,
              new OrderIntakeClient(
                  task.intakeUrl(), task.recoverySecret(), identityTokens.apply(task.intakeUrl())),
              Marketplace.fromEnv(
                  env, clock, new FirestoreRefreshTokens(db, CREDENTIALS, "shopify", clock)),
              new CheckpointStore(db),
              publisher::publish,
              new ParkedReplay(parked),
              clock,
              new SimpleMeterRegistry())
          .run();
    }
  }
}
