package com.storewire.dataflow.events;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.Component;
import com.storewire.catalog.SubscriptionSpec;
import java.util.List;

/** The catalog's subscriptions for one of this module's pipelines, as PubsubIO paths. */
public final class CatalogSubscriptions {

  private CatalogSubscriptions() {}

  /** Every subscription the pipeline named {@code consumerName} consumes, one per topic. */
  public static List<String> of(String project, String consumerName) {
    List<String> paths =
        Catalog.storewire().subscriptionsOf(Component.DATAFLOW_TRANSFORMS).stream()
            .filter(s -> s.consumerName().equals(consumerName))
            .map(SubscriptionSpec::name)
            .map(name -> "projects/" + project + "/subscriptions/" + name)
            .toList();
    if (paths.isEmpty()) {
      throw new IllegalStateException("the catalog has no subscriptions for " + consumerName);
    }
    return paths;
  }
}
