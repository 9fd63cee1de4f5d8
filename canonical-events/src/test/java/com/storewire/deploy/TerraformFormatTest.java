package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `terraform fmt -check -recursive terraform` passes, as the deploy pipeline's first terraform step
 * expects. Terraform itself runs here (it is a prerequisite); only its providers cannot be
 * downloaded, which fmt does not need.
 */
class TerraformFormatTest {

  @Test
  void everyTerraformFileIsFormatted() throws Exception {
    Process fmt =
        new ProcessBuilder("terraform", "fmt", "-check", "-recursive", "-diff", "terraform")
            .directory(Terraform.REPO.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).as("terraform fmt finished").isTrue();
    // fmt prints the files it would change, with their diffs; the CLI-config warning is not one.
    assertThat(fmt.exitValue()).as("terraform fmt -check:%n%s", output).isZero();
  }
}
