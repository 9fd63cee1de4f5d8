package com.storewire.localstack.cloud;

import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import java.util.List;

/**
 * A process that asks for ID tokens the way a Storewire deployable does on Cloud Run: application
 * default credentials, which find the metadata server, then {@code IdTokenCredentials} for an
 * audience. {@link LocalGoogleTest} runs it with the environment {@link LocalGoogle#metadataEnv}
 * gives, and prints what it got, one {@code name=value} a line.
 */
public final class IdTokenProbe {

  private IdTokenProbe() {}

  public static void main(String[] args) throws Exception {
    String audience = args[0];
    GoogleCredentials credentials = GoogleCredentials.getApplicationDefault();
    System.out.println("credentials=" + credentials.getClass().getSimpleName());
    ComputeEngineCredentials compute = (ComputeEngineCredentials) credentials;
    System.out.println("account=" + compute.getAccount());
    System.out.println("project=" + compute.getProjectId());
    IdTokenCredentials standard =
        IdTokenCredentials.newBuilder()
            .setIdTokenProvider((IdTokenProvider) credentials)
            .setTargetAudience(audience)
            .build();
    standard.refresh();
    System.out.println("standard=" + standard.getIdToken().getTokenValue());
    IdTokenCredentials full =
        IdTokenCredentials.newBuilder()
            .setIdTokenProvider(compute)
            .setTargetAudience(audience)
            .setOptions(List.of(IdTokenProvider.Option.FORMAT_FULL))
            .build();
    full.refresh();
    System.out.println("full=" + full.getIdToken().getTokenValue());
  }
}
