package com.storewire.connectors.core;

import java.time.Clock;
import java.util.Map;

/**
 * How much of its vendor's limits one process may spend, from what the deployment tells it: the
 * most instances of it that run at once ({@value #MAX_INSTANCES}, the function's {@code
 * max_instances}; for a Cloud Run job, its {@code CLOUD_RUN_TASK_COUNT}) and the part of the
 * vendor's limits its function holds across all of them ({@value #VENDOR_SHARE}; functions calling
 * the same vendor split it, see {@link ConnectorScaling}). No shared state: each instance keeps to
 * {@code share / instances} of the vendor's documented limit by itself, and the vendor's own
 * answers (429 with Retry-After, Logiwa's 403, Shopify's THROTTLED) still pace it when the count is
 * briefly exceeded, as during a rollout.
 */
public record InstanceShare(int maxInstances, double vendorShare) {

  public static final String MAX_INSTANCES = com.storewire.deployment.Deployment.MAX_INSTANCES;
  public static final String VENDOR_SHARE = com.storewire.deployment.Deployment.VENDOR_SHARE;

  public InstanceShare {
    if (maxInstances < 1 || vendorShare <= 0 || vendorShare > 1) {
      throw new IllegalArgumentException(
          MAX_INSTANCES
              + " must be at least 1 and "
              + VENDOR_SHARE
              + " in (0, 1], not "
              + maxInstances
              + " and "
              + vendorShare);
    }
  }

  /** A single process holding the whole limit: tests and a one-off run. */
  public static final InstanceShare WHOLE = new InstanceShare(1, 1);

  public static InstanceShare fromEnv(Map<String, String> env) {
    String instances =
        env.getOrDefault(MAX_INSTANCES, env.getOrDefault("CLOUD_RUN_TASK_COUNT", "1"));
    return new InstanceShare(
        Integer.parseInt(instances.trim()),
        Double.parseDouble(env.getOrDefault(VENDOR_SHARE, "1").trim()));
  }

  /** This instance's part of {@code limit}; fails at start when the part is too small to call. */
  public InstanceBudget budget(VendorLimit limit, Clock clock) {
    return new InstanceBudget(limit.perInstance(vendorShare, maxInstances), clock);
  }
}
