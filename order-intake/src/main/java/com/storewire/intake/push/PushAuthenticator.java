package com.storewire.intake.push;

import com.google.auth.oauth2.TokenVerifier;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Checks the OIDC token Pub/Sub push attaches ({@code Authorization: Bearer …}): signed by Google,
 * for this service's audience, from the push subscription's service account. The local stack turns
 * it off ({@code storewire.push.oidc.enabled=false}): the emulator signs nothing.
 */
@Singleton
public class PushAuthenticator {

  private final boolean enabled;
  private final String serviceAccount;
  private final TokenVerifier verifier;

  public PushAuthenticator(
      @Value("${storewire.push.oidc.enabled:true}") boolean enabled,
      @Value("${storewire.push.oidc.audience:}") String audience,
      @Value("${storewire.push.oidc.service-account:}") String serviceAccount) {
    this.enabled = enabled;
    this.serviceAccount = serviceAccount;
    this.verifier =
        TokenVerifier.newBuilder()
            .setAudience(audience)
            .setIssuer("https://accounts.google.com")
            .build();
  }

  /** Null when the request may proceed, else why it may not. */
  @Nullable
  public String refusal(@Nullable String authorization) {
    if (!enabled) {
      return null;
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return "missing bearer token";
    }
    try {
      var token = verifier.verify(authorization.substring("Bearer ".length()));
      Object email = token.getPayload().get("email");
      if (!serviceAccount.isEmpty() && !serviceAccount.equals(email)) {
        return "token is for " + email + ", not the push service account";
      }
      return null;
    } catch (TokenVerifier.VerificationException | RuntimeException e) {
      return "invalid token: " + e.getClass().getSimpleName();
    }
  }
}
