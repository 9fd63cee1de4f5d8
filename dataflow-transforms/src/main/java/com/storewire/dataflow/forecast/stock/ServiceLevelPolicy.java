package com.storewire.dataflow.forecast.stock;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classes SKUs by revenue (ABC analysis) and gives each class its target cycle service level.
 * Ranked by revenue, a SKU is A while the SKUs before it earned less than {@code aRevenueShare} of
 * all revenue, B while they earned less than {@code aRevenueShare + bRevenueShare}, and C after
 * that; so the top seller is always A. SKUs without revenue are C.
 */
public record ServiceLevelPolicy(
    double aRevenueShare,
    double bRevenueShare,
    double aServiceLevel,
    double bServiceLevel,
    double cServiceLevel)
    implements Serializable {

  /** A top 80 % of revenue at 98 %, B the next 15 % at 95 %, C the rest at 90 %. */
  public static ServiceLevelPolicy standard() {
    return new ServiceLevelPolicy(0.80, 0.15, 0.98, 0.95, 0.90);
  }

  public double serviceLevel(AbcClass abcClass) {
    return switch (abcClass) {
      case A -> aServiceLevel;
      case B -> bServiceLevel;
      case C -> cServiceLevel;
    };
  }

  public Map<String, AbcClass> classify(Map<String, Double> revenueBySku) {
    double total = revenueBySku.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Map.Entry<String, Double>> ranked =
        revenueBySku.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    Map<String, AbcClass> classes = new HashMap<>();
    double before = 0;
    for (Map.Entry<String, Double> sku : ranked) {
      double shareBefore = total > 0 ? before / total : 1;
      AbcClass abcClass =
          sku.getValue() <= 0
              ? AbcClass.C
              : shareBefore < aRevenueShare
                  ? AbcClass.A
                  : shareBefore < aRevenueShare + bRevenueShare ? AbcClass.B : AbcClass.C;
      classes.put(sku.getKey(), abcClass);
      before += sku.getValue();
    }
    return classes;
  }
}
