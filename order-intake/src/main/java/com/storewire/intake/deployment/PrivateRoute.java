package com.storewire.intake.deployment;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Served by the private deployment, which only its Cloud Run invokers reach (the push identity, the
 * reconciliation job, operators). A route with neither this nor a public annotation is served by no
 * deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Tag(name = "private")
public @interface PrivateRoute {}
