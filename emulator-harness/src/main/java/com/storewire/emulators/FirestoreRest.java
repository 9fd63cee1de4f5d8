package com.storewire.emulators;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The Firestore emulator's own endpoints. */
public final class FirestoreRest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String hostPort;

  public FirestoreRest(String hostPort) {
    this.hostPort = hostPort;
  }

  /** Deletes every document of the project's default database. */
  public void reset(String project) {
    URI uri =
        URI.create(
            "http://"
                + hostPort
                + "/emulator/v1/projects/"
                + project
                + "/databases/(default)/documents");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "DELETE " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("DELETE " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
