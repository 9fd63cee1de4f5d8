package com.storewire.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.deployment.EnvValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What order-intake's application.yml needs from its environment is what the deployment description
 * gives the service: a variable it names without a default would stop the service from starting on
 * Cloud Run if terraform did not set it.
 */
class DeployedEnvironmentTest {

  /** {@code ${VARIABLE}} without a {@code :default}. */
  private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

  @Test
  void everyVariableApplicationYmlRequiresIsOneTheDescriptionGivesOrderIntake() throws IOException {
    Set<String> required = new TreeSet<>();
    try (InputStream yml = getClass().getResourceAsStream("/application.yml")) {
      Matcher m = REQUIRED.matcher(new String(yml.readAllBytes(), StandardCharsets.UTF_8));
      while (m.find()) {
        required.add(m.group(1));
      }
    }
    assertThat(required)
        .contains("EBAY_CLIENT_ID", "EBAY_VERIFICATION_TOKEN", Deployment.EBAY_ENDPOINT);
    Deployable intake = Deployment.storewire().deployable(Deployment.ORDER_INTAKE);
    assertThat(intake.variables()).containsAll(required);
    for (String variable : required) {
      EnvValue value = intake.env().get(variable);
      if (value instanceof EnvValue.Setting setting) {
        assertThat(setting.optional())
            .as("%s is required, so not an optional setting", variable)
            .isFalse();
      }
    }
    // eBay's keys: the client secret and the verification token are secrets, not settings.
    assertThat(intake.secrets()).contains("EBAY_CLIENT_SECRET", "EBAY_VERIFICATION_TOKEN");
    assertThat(intake.env().get(Deployment.EBAY_ENDPOINT)).isEqualTo(new EnvValue.Setting(false));
  }
}
