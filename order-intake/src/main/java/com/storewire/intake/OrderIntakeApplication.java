package com.storewire.intake;

import com.storewire.intake.deployment.StorefrontKeys;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(
    info = @Info(title = "order-intake", version = "1.0.0"),
    tags = {
      @Tag(
          name = "public",
          description =
              "Served by order-intake-public (STOREWIRE_ROUTES=public; Cloud Run invoker allUsers)."
                  + " Each route is authenticated by the application: the storefront's routes by"
                  + " its API key, the webhooks by each vendor's signature."),
      @Tag(
          name = "private",
          description =
              "Served by order-intake (STOREWIRE_ROUTES=private), which only its Cloud Run"
                  + " invokers reach: the Pub/Sub push identity, the reconciliation job and"
                  + " operators. A route a deployment does not serve answers 404.")
    })
@SecurityScheme(
    name = StorefrontKeys.SCHEME,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = StorefrontKeys.HEADER,
    description =
        "One of the storefront's current API keys (STOREWIRE_STOREFRONT_API_KEYS). A server-side"
            + " credential of the retailer's storefront: never ship it to browsers.")
public final class OrderIntakeApplication {
  private OrderIntakeApplication() {}

  public static void main(String[] args) {
    // Environment variables reach the service only through application.yml's placeholders, so
    // that file (and deployment/DeploymentVariable) is the whole list of what a deployment reads.
    Micronaut.build(args)
        .mainClass(OrderIntakeApplication.class)
        .environmentPropertySource(false)
        .start();
  }
}
