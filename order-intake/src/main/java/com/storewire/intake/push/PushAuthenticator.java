package com.storewire.intake.push;

import com.google.auth.oauth2.TokenVerifier;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Checks the OIDC token Pub/Sub push attaches ({@code Authorization: Bearer …}): signed by a key of
 * the certificates location (Google's by default), issued by {@value #ISSUER}, for this service's
 * audience, from the push subscription's service account. The local stack points the certificates
 * location ({@code STOREWIRE_PUSH_OIDC_CERTS_URL}) at an identity stand-in that serves a JWKS and
 * signs the pushes it delivers, so the check runs there too; {@code
 * storewire.push.oidc.enabled=false} turns it off.
 */
@Singleton
public class PushAuthenticator {

  /** The issuer of Google-signed ID tokens, push tokens among them. */
  public static final String ISSUER = "https://accounts.google.com";

  /** Google's OAuth2 certificates as a JWKS, where push tokens' keys are published. */
  public static final String GOOGLE_CERTS = "https://www.googleapis.com/oauth2/v3/certs";

  private final boolean enabled;
  private final String serviceAccount;
  private final TokenVerifier verifier;

  public PushAuthenticator(
      @Value("${storewire.push.oidc.enabled:true}") boolean enabled,
      @Value("${storewire.push.oidc.audience:}") String audience,
      @Value("${storewire.push.oidc.service-account:}") String serviceAccount,
      @Value("${storewire.push.oidc.certs-url:" + GOOGLE_CERTS + "}") String certsUrl) {
    this.enabled = enabled;
    this.serviceAccount = serviceAccount;
    this.verifier =
        TokenVerifier.newBuilder()
            .setAudience(audience)
            .setIssuer(ISSUER)
            .setCertificatesLocation(certsUrl.isBlank() ? GOOGLE_CERTS : certsUrl)
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
