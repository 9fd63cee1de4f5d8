package com.storewire.reconciliation.run;

import java.time.Duration;
import java.util.Map;

/**
 * What one task of a job execution is told by its environment: Cloud Run's task variables, where
 * order-intake answers, and the windows that decide what counts as drift.
 *
 * @param execution the execution's id, the same for every attempt of a task: checkpoints are kept
 *     under it, so a retried task resumes
 * @param propagationWindow a difference whose truth moved more recently than this is an update
 *     still on its way, not drift
 * @param orderOverlap how far before the last watermark each order poll starts again: marketplaces
 *     list an order minutes after it was placed (Amazon about 2)
 * @param firstOrderLookback where the order poll starts for a marketplace never polled before
 */
public record TaskSettings(
    String project,
    String execution,
    int taskIndex,
    int taskCount,
    int attempt,
    String intakeUrl,
    String recoverySecret,
    Duration propagationWindow,
    Duration orderOverlap,
    Duration firstOrderLookback,
    int pageSize,
    String checkpointDatabase,
    boolean dryRun) {

  public TaskSettings {
    if (taskCount < 1 || taskIndex < 0 || taskIndex >= taskCount) {
      throw new IllegalArgumentException(
          "CLOUD_RUN_TASK_INDEX must be 0 to CLOUD_RUN_TASK_COUNT - 1, got "
              + taskIndex
              + " of "
              + taskCount);
    }
    if (intakeUrl == null || intakeUrl.isBlank()) {
      throw new IllegalArgumentException("ORDER_INTAKE_URL is required");
    }
  }

  public static TaskSettings fromEnv(Map<String, String> env, boolean dryRun) {
    return new TaskSettings(
        env.getOrDefault("GOOGLE_CLOUD_PROJECT", "storewire-local"),
        env.getOrDefault("CLOUD_RUN_EXECUTION", "manual"),
        Integer.parseInt(env.getOrDefault("CLOUD_RUN_TASK_INDEX", "0")),
        Integer.parseInt(env.getOrDefault("CLOUD_RUN_TASK_COUNT", "1")),
        Integer.parseInt(env.getOrDefault("CLOUD_RUN_TASK_ATTEMPT", "0")),
        env.get("ORDER_INTAKE_URL"),
        env.getOrDefault("STOREWIRE_RECOVERY_SECRET", ""),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("STOREWIRE_PROPAGATION_WINDOW_S", "120"))),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("STOREWIRE_ORDER_OVERLAP_S", "600"))),
        Duration.ofHours(Long.parseLong(env.getOrDefault("STOREWIRE_ORDER_LOOKBACK_H", "24"))),
        Integer.parseInt(env.getOrDefault("STOREWIRE_RECONCILE_PAGE_SIZE", "500")),
        env.getOrDefault("STOREWIRE_RECONCILIATION_DATABASE", "(default)"),
        dryRun || Boolean.parseBoolean(env.getOrDefault("STOREWIRE_RECONCILE_DRY_RUN", "false")));
  }

  /** The task that owns a SKU: order-intake's listing partitions by the same hash. */
  public boolean owns(String sku) {
    return Math.floorMod(sku.hashCode(), taskCount) == taskIndex;
  }

  /** Marketplace order polls and parked subscriptions are shared out by position, not by SKU. */
  public boolean owns(int position) {
    return position % taskCount == taskIndex;
  }
}
