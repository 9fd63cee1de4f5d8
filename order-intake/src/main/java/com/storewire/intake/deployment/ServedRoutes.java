package com.storewire.intake.deployment;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which routes this process serves: which of order-intake's two deployments it is ({@code
 * order-intake-public} or {@code order-intake} in canonical-events' deployment description),
 * checked when it starts ({@link Context}): a deployment that lacks a variable it needs ({@link
 * DeploymentVariable}) refuses to start, naming every missing variable, rather than answering 5xx
 * on its first request.
 *
 * <p>{@code STOREWIRE_ROUTES} has no default. Defaulting to private would expose the private routes
 * (SKU settings, the availability listing, recovered orders), which rely on Cloud Run IAM alone, on
 * a service that was meant to be public and forgot the setting; defaulting to public would quietly
 * break push delivery on the private one. Refusing to start is loud and exposes nothing: Cloud Run
 * keeps serving the previous revision.
 */
@Context
public final class ServedRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ServedRoutes.class);

  private final Routes routes;
  private final StorefrontKeys storefrontKeys;
  private final boolean publicMetrics;

  ServedRoutes(Environment environment) {
    String setting = value(environment, DeploymentVariable.STOREWIRE_ROUTES);
    this.routes =
        Arrays.stream(Routes.values())
            .filter(r -> r.setting().equals(setting))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        setting.isEmpty()
                            ? "order-intake cannot start: STOREWIRE_ROUTES (storewire.routes) is"
                                + " not set. Set it to public (order-intake-public) or private"
                                + " (order-intake); no deployment serves routes by default."
                            : "order-intake cannot start: STOREWIRE_ROUTES (storewire.routes) is '"
                                + setting
                                + "', not public or private."));
    boolean pushOidc =
        !"false"
            .equalsIgnoreCase(value(environment, DeploymentVariable.STOREWIRE_PUSH_OIDC_ENABLED));
    List<String> problems = new ArrayList<>();
    for (DeploymentVariable variable : DeploymentVariable.values()) {
      String value = value(environment, variable);
      if (variable.requiredBy(routes, pushOidc) && value.isEmpty()) {
        problems.add(variable.name() + " (" + variable.property() + ") is not set");
      } else if (variable.secret() && !variable.readBy(routes) && !value.isEmpty()) {
        LOG.warn(
            "{} is given to the {} deployment, which does not read it: give a secret only where it"
                + " is used",
            variable.name(),
            routes.setting());
      }
    }
    StorefrontKeys keys = null;
    if (routes == Routes.PUBLIC
        && !value(environment, DeploymentVariable.STOREWIRE_STOREFRONT_API_KEYS).isEmpty()) {
      try {
        keys =
            StorefrontKeys.parse(
                value(environment, DeploymentVariable.STOREWIRE_STOREFRONT_API_KEYS));
      } catch (IllegalArgumentException e) {
        problems.add("STOREWIRE_STOREFRONT_API_KEYS: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "order-intake cannot start as the "
              + routes.setting()
              + " deployment (STOREWIRE_ROUTES="
              + routes.setting()
              + "): "
              + String.join("; ", problems)
              + ".");
    }
    this.storefrontKeys = keys;
    this.publicMetrics =
        routes == Routes.PUBLIC
            && "true"
                .equalsIgnoreCase(
                    value(environment, DeploymentVariable.STOREWIRE_PUBLIC_METRICS_ENDPOINT));
    LOG.info(
        "serving the {} routes{}",
        routes.setting(),
        routes == Routes.PUBLIC ? " with " + keys.size() + " storefront key(s)" : "");
  }

  public Routes routes() {
    return routes;
  }

  public boolean isPublic() {
    return routes == Routes.PUBLIC;
  }

  /** The public deployment's storefront keys; null on the private one. */
  StorefrontKeys storefrontKeys() {
    return storefrontKeys;
  }

  /** Whether the public deployment also serves /metrics (the local stack reads it there). */
  boolean publicMetrics() {
    return publicMetrics;
  }

  private static String value(Environment environment, DeploymentVariable variable) {
    return environment.getProperty(variable.property(), String.class).orElse("").strip();
  }
}
