package com.storewire.intake.deployment;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Served by the public deployment to a marketplace, whose signature over the raw body the handler
 * checks before anything else (webhooks' {@code SignatureCheck}); no storefront key is asked for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Tag(name = "public")
public @interface WebhookRoute {}
