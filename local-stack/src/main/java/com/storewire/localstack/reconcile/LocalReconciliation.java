package com.storewire.localstack.reconcile;

import com.storewire.deployment.Deployment;
import com.storewire.emulators.Emulators;
import com.storewire.localstack.LocalConnectors;
import com.storewire.localstack.stack.LocalSecrets;
import com.storewire.localstack.stack.LocalStack;
import com.storewire.reconciliation.ReconcileCommand;
import com.storewire.reconciliation.run.RunReport;
import com.storewire.sandbox.core.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs the reconciliation job against the local stack as Cloud Run runs an execution: its tasks in
 * parallel, each told its index, the task count and the execution's id; only base URLs and
 * credentials differ from production.
 */
public final class LocalReconciliation {

  /** The secret order-intake checks a recovered webhook against (the local stack's value). */
  public static final String RECOVERY_SECRET = LocalSecrets.load().get("STOREWIRE_RECOVERY_SECRET");

  private LocalReconciliation() {}

  /**
   * The environment one task gets: the job's, from the deployment description, plus what Cloud Run
   * tells a task ({@link #task}); {@code propagationWindow} is short locally.
   */
  public static Map<String, String> env(
      LocalStack stack, String execution, int index, int count, Duration propagationWindow) {
    Map<String, String> env =
        new HashMap<>(
            stack.environment().of(stack.deployment().deployable(Deployment.RECONCILIATION)));
    env.putAll(task(execution, index, count, propagationWindow));
    return env;
  }

  /** The benchmark's environment: order-intake alone, without the stack's fronts. */
  public static Map<String, String> env(
      Emulators emulators,
      String project,
      SandboxServer sandbox,
      String intakeUrl,
      String execution,
      int index,
      int count,
      Duration propagationWindow) {
    Map<String, String> env = new HashMap<>(LocalConnectors.env(emulators, project, sandbox));
    env.put("ORDER_INTAKE_URL", intakeUrl);
    env.put("STOREWIRE_RECOVERY_SECRET", RECOVERY_SECRET);
    env.putAll(task(execution, index, count, propagationWindow));
    return env;
  }

  /**
   * What Cloud Run sets for each task of an execution, and the local run's shorter timings (its
   * sales and drifts last seconds, not hours).
   */
  private static Map<String, String> task(
      String execution, int index, int count, Duration propagationWindow) {
    Map<String, String> env = new HashMap<>();
    env.put("CLOUD_RUN_EXECUTION", execution);
    env.put("CLOUD_RUN_TASK_INDEX", Integer.toString(index));
    env.put("CLOUD_RUN_TASK_COUNT", Integer.toString(count));
    env.put("STOREWIRE_PROPAGATION_WINDOW_S", Long.toString(propagationWindow.toSeconds()));
    env.put("STOREWIRE_FIRST_BACKOFF_MS", "200");
    return env;
  }

  /**
   * Runs every task of an execution in parallel and adds their reports up; the tasks call
   * order-intake as the job's service account.
   */
  public static RunReport run(
      LocalStack stack, String execution, int tasks, boolean dryRun, Duration propagationWindow)
      throws Exception {
    return run(
        index -> env(stack, execution, index, tasks, propagationWindow),
        tasks,
        dryRun,
        identityTokens(stack));
  }

  /** The job's ID token for an audience, as its metadata server mints it on Cloud Run. */
  public static java.util.function.Function<String, java.util.function.Supplier<String>>
      identityTokens(LocalStack stack) {
    String job = stack.environment().email(Deployment.RECONCILIATION);
    return audience -> () -> stack.google().idToken(job, audience);
  }

  /** Runs every task of an execution in parallel, each with its environment, and adds them up. */
  public static RunReport run(IntFunction<Map<String, String>> envOfTask, int tasks, boolean dryRun)
      throws Exception {
    return run(envOfTask, tasks, dryRun, audience -> () -> null);
  }

  private static RunReport run(
      IntFunction<Map<String, String>> envOfTask,
      int tasks,
      boolean dryRun,
      java.util.function.Function<String, java.util.function.Supplier<String>> identityTokens)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      List<Future<RunReport>> running = new ArrayList<>();
      for (int index = 0; index < tasks; index++) {
        Map<String, String> env = envOfTask.apply(index);
        running.add(pool.submit(() -> ReconcileCommand.runTask(env, dryRun, identityTokens)));
      }
      List<RunReport> reports = new ArrayList<>();
      for (Future<RunReport> task : running) {
        reports.add(task.get());
      }
      return RunReport.merge(reports);
    } finally {
      pool.shutdownNow();
    }
  }
}
