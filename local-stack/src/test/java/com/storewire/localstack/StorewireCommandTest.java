package com.storewire.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.storewire.catalog.Catalog;
import com.storewire.catalog.CatalogJson;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TableSpec;
import com.storewire.catalog.TopicSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StorewireCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = StorewireCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void catalogPrintsEveryTopicSubscriptionDeadLetterAndTable() {
    assertThat(run("catalog")).isZero();

    Catalog catalog = Catalog.storewire();
    assertThat(out.toString()).contains("TOPIC", "SUBSCRIPTION", "DEAD LETTER", "BIGQUERY TABLE");
    catalog.topics().stream()
        .map(TopicSpec::name)
        .forEach(n -> assertThat(out.toString()).contains(n));
    for (SubscriptionSpec subscription : catalog.subscriptions()) {
      assertThat(out.toString()).contains(subscription.name(), subscription.deadLetterTopic());
    }
    catalog.tables().stream()
        .map(TableSpec::qualifiedName)
        .forEach(n -> assertThat(out.toString()).contains(n));
  }

  @Test
  void catalogJsonIsWhatTheBuildExports() {
    assertThat(run("catalog", "--json")).isZero();

    assertThat(out.toString()).isEqualTo(CatalogJson.render(Catalog.storewire()));
  }

  @Test
  void unknownCommandGivesUsageAndExitCode2() {
    assertThat(run("teleport")).isEqualTo(2);

    assertThat(err.toString()).contains("Unmatched argument", "Usage: storewire");
  }

  @Test
  void badFlagGivesUsageAndExitCode2() {
    assertThat(run("catalog", "--yaml")).isEqualTo(2);

    assertThat(err.toString()).contains("Unknown option: '--yaml'", "Usage: storewire catalog");
  }

  @Test
  void flexTemplateRunRefusesParametersTheTemplateDoesNotTakeWithExitCode2() {
    assertThat(
            run(
                "flex-template",
                "run",
                "forecast-safety-stock",
                "--parameters",
                "history=history/*.jsonl,colour=blue"))
        .isEqualTo(2);

    assertThat(err.toString())
        .contains(
            "The template parameters of forecast-safety-stock are invalid",
            "unrecognized parameter 'colour'",
            "parameter 'history' is 'history/*.jsonl', which does not match ^gs://.+|^/.+",
            "missing required parameter 'eventsOutput'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void noCommandGivesUsageAndExitCode2() {
    assertThat(run()).isEqualTo(2);

    assertThat(err.toString()).contains("Missing a command", "Commands:", "catalog", "emulators");
  }
}
