package com.storewire.catalog;

/** The deployables that publish and consume events, and how each takes delivery. */
public enum Component {
  /** Cloud Run service: Pub/Sub pushes to its HTTPS endpoints with an OIDC token. */
  ORDER_INTAKE("order-intake", Delivery.PUSH),
  /**
   * Cloud Functions (HTTP): each catalog subscription pushes to its function's URL with an OIDC
   * token, with the catalog's filter, backoff and dead-letter policy (docs/deploy.md).
   */
  CONNECTOR_FUNCTIONS("connector-functions", Delivery.PUSH),
  /** Dataflow: streaming pull through PubsubIO. */
  DATAFLOW_TRANSFORMS("dataflow-transforms", Delivery.STREAMING_PULL),
  /** Cloud Run job: pulls in batches when it runs. */
  RECONCILIATION_JOB("reconciliation-job", Delivery.PULL);

  private final String moduleName;
  private final Delivery delivery;

  Component(String moduleName, Delivery delivery) {
    this.moduleName = moduleName;
    this.delivery = delivery;
  }

  /** The Maven module and the deployable's name. */
  public String moduleName() {
    return moduleName;
  }

  public Delivery delivery() {
    return delivery;
  }

  public enum Delivery {
    PUSH,
    STREAMING_PULL,
    PULL
  }
}
