package com.storewire.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest extends SandboxTest {

  @Test
  void aScenarioFileSchedulesFaultsAndTokenRevocations(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("flash-sale-faults.json");
    Files.writeString(
        file,
        """
        {"faults": [
          {"at_seconds": 0, "vendor": "logiwa", "kind": "SERVER_ERROR", "requests": 2},
          {"at_seconds": 0.2, "vendor": "shopify", "kind": "TOKEN_REVOKED"}
        ]}""");
    String shopifyToken =
        send(
                "POST",
                "/shopify/admin/oauth/access_token",
                "{\"client_id\":\"shopify-client\",\"client_secret\":\""
                    + CREDENTIALS.shopifyClientSecret()
                    + "\",\"refresh_token\":\""
                    + CREDENTIALS.shopifyRefreshToken()
                    + "\"}")
            .json()
            .get("access_token")
            .asText();

    try (Scenario scenario = Scenario.read(file)) {
      scenario.start(sandbox);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
      int status = 200;
      while (status != 401 && Instant.now().isBefore(deadline)) {
        status =
            send(
                    "POST",
                    "/shopify/admin/api/2026-04/graphql.json",
                    "{\"query\":\"{ inventoryItems }\",\"variables\":{\"skus\":[]}}",
                    "X-Shopify-Access-Token",
                    shopifyToken)
                .status();
      }
      assertThat(status).isEqualTo(401);
      assertThat(
              send("POST", "/logiwa/token", "", "Content-Type", "application/x-www-form-urlencoded")
                  .status())
          .isEqualTo(503);
    }
  }

  @Test
  void anUnknownVendorIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"faults\":[{\"vendor\":\"etsy\",\"kind\":\"THROTTLE\"}]}");

    try (Scenario scenario = Scenario.read(file)) {
      assertThatThrownBy(() -> scenario.start(sandbox)).hasMessageContaining("unknown vendor etsy");
    }
  }
}
