package com.storewire.connectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.storewire.connectors.logiwa.LogiwaFunctionsAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The budget arithmetic for the production numbers ({@link ConnectorScaling#PRODUCTION}): for every
 * documented vendor limit, every instance of every function that spends it, each at its part, stays
 * within what the vendor allows, in rate and in burst, over every window the vendor counts.
 */
class VendorBudgetArithmeticTest {

  private static final Clock FROZEN =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyVendorLimitHoldsSummedOverFunctionsAndInstances() {
    Map<VendorLimit, List<ConnectorScaling>> callers = callersByLimit(ConnectorScaling.PRODUCTION);
    assertThat(callers.keySet())
        .as("every limit a connector keeps to is in the production arithmetic")
        .contains(
            VendorLimit.LOGIWA_STANDARD,
            VendorLimit.AMAZON_LISTINGS_ITEMS,
            VendorLimit.AMAZON_LISTINGS_FEEDS,
            VendorLimit.AMAZON_GET_FEED,
            VendorLimit.SHOPIFY_ADMIN_GRAPHQL,
            VendorLimit.SHIPSTATION,
            VendorLimit.KLAVIYO_CREATE_EVENT);
    callers.forEach(VendorBudgetArithmeticTest::assertHeldTogether);
  }

  @Test
  void functionsCallingOneVendorSplitItsLimit() {
    Map<VendorLimit, List<ConnectorScaling>> callers = callersByLimit(ConnectorScaling.PRODUCTION);
    assertThat(callers.get(VendorLimit.SHIPSTATION))
        .extracting(ConnectorScaling::function)
        .containsExactlyInAnyOrder("shipstation-order", "shipstation-shipment");
    callers.forEach(
        (limit, functions) ->
            assertThat(functions.stream().mapToDouble(ConnectorScaling::vendorShare).sum())
                .as(limit.name())
                .isLessThanOrEqualTo(1.0));
  }

  @Test
  void theSameArithmeticHoldsWithUpToTenTimesTheInstances() {
    // A deployment may raise max_instances; each instance then takes a smaller part, or, where
    // the part is too small to call at all, refuses to start.
    for (ConnectorScaling function : ConnectorScaling.PRODUCTION) {
      for (int instances = 1; instances <= 10 * function.maxInstances(); instances++) {
        ConnectorScaling scaled = function.with(function.concurrency(), instances);
        for (VendorLimit limit : function.draws()) {
          try {
            limit.perInstance(scaled.vendorShare(), instances);
          } catch (IllegalArgumentException tooThin) {
            continue;
          }
          assertHeldTogether(limit, List.of(scaled));
        }
      }
    }
  }

  @Test
  void aOneSecondWindowCannotBeSharedByTwoProcesses() {
    assertThat(VendorLimit.LOGIWA_STANDARD.perInstance(1, 1).perSecond())
        .isCloseTo(0.95, within(1e-9));
    assertThat(VendorLimit.LOGIWA_STANDARD.perInstance(1, 1).burst()).isEqualTo(1);
    assertThatThrownBy(() -> VendorLimit.LOGIWA_STANDARD.perInstance(1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Logiwa Standard plan cannot be shared by 2 instance(s)");
    assertThatThrownBy(() -> VendorLimit.LOGIWA_PREMIUM.perInstance(0.5, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theProposedPartsAreWhatTheReportSays() {
    assertThat(plan("shipstation-order", VendorLimit.SHIPSTATION).perSecond())
        .isCloseTo(0.95 * 40 / 60 * 0.75, within(1e-9));
    assertThat(plan("shipstation-order", VendorLimit.SHIPSTATION).burst()).isEqualTo(2);
    assertThat(plan("shipstation-shipment", VendorLimit.SHIPSTATION).burst()).isEqualTo(1);
    assertThat(plan("amazon-stock", VendorLimit.AMAZON_LISTINGS_FEEDS).burst())
        .as("3 feeds at once and one per ~2 min: never more than 5 in any 5 minutes")
        .isEqualTo(3);
    assertThat(plan("amazon-stock", VendorLimit.AMAZON_LISTINGS_ITEMS).perSecond())
        .isCloseTo(4.75, within(1e-9));
    assertThat(plan("amazon-stock", VendorLimit.AMAZON_LISTINGS_ITEMS).burst()).isEqualTo(10);
    assertThat(plan("shopify-stock", VendorLimit.SHOPIFY_ADMIN_GRAPHQL).perSecond())
        .isCloseTo(95, within(1e-9));
    assertThat(plan("shopify-stock", VendorLimit.SHOPIFY_ADMIN_GRAPHQL).burst()).isEqualTo(2000);
    assertThat(plan("klaviyo-event", VendorLimit.KLAVIYO_CREATE_EVENT).perSecond())
        .isCloseTo(0.95 * 3500 / 60 / 5, within(1e-9));
  }

  @Test
  void theReconciliationJobsTasksShareTheirOwnAppsBucket() {
    // Its own Shopify app (its own bucket), split by CLOUD_RUN_TASK_COUNT; its largest call is a
    // bulk operation.
    VendorLimit reads = VendorLimit.SHOPIFY_ADMIN_GRAPHQL.withLargestCall(10);
    InstanceShare tasks = InstanceShare.fromEnv(Map.of("CLOUD_RUN_TASK_COUNT", "100"));
    assertThat(tasks.budget(reads, FROZEN).plan().burst()).isEqualTo(20);
  }

  @Test
  void aFunctionReadsItsPartFromTheEnvironmentTheDeploymentGivesIt() {
    ConnectorScaling klaviyo = ConnectorScaling.production("klaviyo-event");
    InstanceShare share = InstanceShare.fromEnv(klaviyo.env());
    assertThat(share).isEqualTo(new InstanceShare(5, 1.0));
    assertThat(share.budget(VendorLimit.KLAVIYO_CREATE_EVENT, FROZEN).plan())
        .isEqualTo(VendorLimit.KLAVIYO_CREATE_EVENT.perInstance(1, 5));
    assertThat(InstanceShare.fromEnv(ConnectorScaling.production("shipstation-shipment").env()))
        .isEqualTo(new InstanceShare(1, 0.25));
    assertThat(InstanceShare.fromEnv(Map.of())).isEqualTo(InstanceShare.WHOLE);
    assertThat(InstanceShare.fromEnv(Map.of("CLOUD_RUN_TASK_COUNT", "4")))
        .as("a Cloud Run job's tasks share their app's limit")
        .isEqualTo(new InstanceShare(4, 1));
    assertThatThrownBy(() -> InstanceShare.fromEnv(Map.of(InstanceShare.VENDOR_SHARE, "1.5")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFunctionRefusesToStartWithAPartTooSmallForOneCall() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", "storewire-test");
    env.put("LOGIWA_BASE_URL", "http://127.0.0.1:9");
    env.putAll(ConnectorScaling.production("logiwa-order").env());
    try (ConnectorFunction deployed = LogiwaFunctionsAccess.orders(env)) {
      assertThat(deployed).isNotNull();
    }
    env.put(InstanceShare.MAX_INSTANCES, "2");
    assertThatThrownBy(() -> LogiwaFunctionsAccess.orders(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Logiwa Standard plan cannot be shared by 2 instance(s)");
  }

  @Test
  void anInstanceSpendsItsBurstThenWaitsItsRateInTheOrderCallsCame() {
    InstanceBudget logiwa =
        new InstanceBudget(VendorLimit.LOGIWA_STANDARD.perInstance(1, 1), FROZEN);
    assertThat(logiwa.reserve(1)).isZero();
    assertThat(logiwa.reserve(1).toNanos()).isCloseTo(1_052_631_579L, within(2L));
    assertThat(logiwa.reserve(1).toNanos()).isCloseTo(2_105_263_158L, within(2L));
    assertThat(logiwa.tryTake(1)).isFalse();

    InstanceBudget shopify =
        new InstanceBudget(VendorLimit.SHOPIFY_ADMIN_GRAPHQL.perInstance(1, 1), FROZEN);
    assertThat(shopify.reserve(2000)).isZero();
    shopify.settle(-1990); // the call cost 10 points, not the 2000 reserved
    assertThat(shopify.reserve(1990)).isZero();
    assertThat(shopify.reserve(95).toNanos()).isCloseTo(1_000_000_000L, within(2L));
  }

  /**
   * Every instance of every function spends its whole burst at once, then its rate: the sum must
   * stay within each of the vendor's buckets (rate and size) and windows (count in any such span).
   */
  private static void assertHeldTogether(VendorLimit limit, List<ConnectorScaling> functions) {
    double rate = 0;
    double burst = 0;
    Map<VendorLimit.Window, Double> perWindow = new LinkedHashMap<>();
    for (ConnectorScaling function : functions) {
      VendorLimit.Plan plan = limit.perInstance(function.vendorShare(), function.maxInstances());
      assertThat(plan.burst())
          .as("%s: one call fits in %s's part of %s", limit.name(), function.function(), limit)
          .isGreaterThanOrEqualTo(limit.largestCall());
      rate += function.maxInstances() * plan.perSecond();
      burst += function.maxInstances() * plan.burst();
      for (VendorLimit.Window window : limit.windows()) {
        perWindow.merge(
            window, function.maxInstances() * plan.mostIn(window.seconds()), Double::sum);
      }
    }
    assertThat(rate).as("%s: summed rate", limit.name()).isLessThan(limit.sustainedPerSecond());
    for (VendorLimit.Bucket bucket : limit.buckets()) {
      assertThat(burst).as("%s: summed burst", limit.name()).isLessThanOrEqualTo(bucket.burst());
      assertThat(rate).as("%s: summed rate", limit.name()).isLessThanOrEqualTo(bucket.perSecond());
    }
    perWindow.forEach(
        (window, most) ->
            assertThat(most)
                .as("%s: most in any %s s", limit.name(), window.seconds())
                .isLessThanOrEqualTo(window.count()));
  }

  private static VendorLimit.Plan plan(String function, VendorLimit limit) {
    ConnectorScaling scaling = ConnectorScaling.production(function);
    return limit.perInstance(scaling.vendorShare(), scaling.maxInstances());
  }

  private static Map<VendorLimit, List<ConnectorScaling>> callersByLimit(
      List<ConnectorScaling> functions) {
    Set<VendorLimit> limits = new LinkedHashSet<>();
    functions.forEach(f -> limits.addAll(f.draws()));
    Map<VendorLimit, List<ConnectorScaling>> callers = new LinkedHashMap<>();
    for (VendorLimit limit : limits) {
      callers.put(limit, functions.stream().filter(f -> f.draws().contains(limit)).toList());
    }
    return callers;
  }
}
