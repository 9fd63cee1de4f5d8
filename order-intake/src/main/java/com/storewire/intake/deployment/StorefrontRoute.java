package com.storewire.intake.deployment;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Served by the public deployment to the storefront, which sends one of its API keys in {@value
 * StorefrontKeys#HEADER}; {@link RouteGate} answers 401 without a current one. Alone, the route is
 * not served by the private deployment; add {@link PrivateRoute} where an internal caller needs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Tag(name = "public")
@SecurityRequirement(name = StorefrontKeys.SCHEME)
@ApiResponse(
    responseCode = "401",
    description = "Public deployment: no current storefront API key in X-Storewire-Storefront-Key")
public @interface StorefrontRoute {}
