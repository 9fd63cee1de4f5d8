package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduled query that fills the forecast's history: every environment deploys it with the SQL
 * file dataflow-transforms checks, it writes where the forecast reads, it runs before the forecast,
 * and its account gets only what the export needs.
 */
class DeployForecastHistoryExportTest {

  private static final Path PLATFORM = Terraform.module("platform");
  private static final Path EXPORT_TF = PLATFORM.resolve("forecast_history.tf");
  private static final Path EXPORT_SQL =
      Terraform.REPO.resolve(
          "dataflow-transforms/src/main/resources/sql/exports/forecast_history.sql");
  private static final Pattern AGENT_MEMBER =
      Pattern.compile(
          "member\\s*=\\s*"
              + Pattern.quote(
                  "\"serviceAccount:service-${var.project_number}"
                      + "@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com\""));

  static List<String> environments() {
    return Terraform.ENVIRONMENTS;
  }

  @ParameterizedTest
  @MethodSource("environments")
  void everyEnvironmentDeploysTheExportWithTheCheckedSqlFile(String env) {
    Map<String, Object> platform = Terraform.platformCall(env);

    assertThat(Terraform.fromRoot(env, platform.get("forecast_history_export_sql")))
        .isEqualTo(EXPORT_SQL)
        .isRegularFile();
    assertThat(platform)
        .as("%s keeps the platform's schedules, whose order the test below checks", env)
        .doesNotContainKey("schedules");
  }

  @Test
  void theTemplateIsGivenExactlyThePlaceholdersTheSqlUses() {
    Matcher call =
        Pattern.compile(
                "templatefile\\(var\\.forecast_history_export_sql, \\{(.*?)}\\)", Pattern.DOTALL)
            .matcher(Terraform.text(EXPORT_TF));
    assertThat(call.find()).as("templatefile(var.forecast_history_export_sql, {...})").isTrue();
    Set<String> given = new TreeSet<>();
    Matcher key = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=").matcher(call.group(1));
    while (key.find()) {
      given.add(key.group(1));
    }
    Set<String> used = new TreeSet<>();
    Matcher placeholder = Pattern.compile("\\$\\{([a-z_]+)}").matcher(Terraform.text(EXPORT_SQL));
    while (placeholder.find()) {
      used.add(placeholder.group(1));
    }

    assertThat(given).isEqualTo(used).contains("history_uri");
    assertThat(call.group(1)).containsPattern("history_uri\\s*=\\s*local\\.forecast_history_uri");
  }

  @Test
  void theForecastReadsWhereTheExportWrites() {
    Map<String, Object> jobs =
        Terraform.map(Terraform.parseDirectory(PLATFORM), "locals", "dataflow_jobs");
    assertThat(Terraform.map(jobs, "forecast-safety-stock", "parameters"))
        .containsEntry("history", "local.forecast_history_uri");
    assertThat(Terraform.map(Terraform.parse(EXPORT_TF), "locals").get("forecast_history_uri"))
        .asString()
        .endsWith("*.jsonl");
  }

  @Test
  void theExportRunsDailyBeforeTheForecast() {
    String variables = Terraform.text(PLATFORM.resolve("variables.tf"));
    Matcher export =
        Pattern.compile(
                "forecast_history_export\\s*=\\s*optional\\(string, \"every day (\\d\\d:\\d\\d)\"\\)")
            .matcher(variables);
    Matcher forecast =
        Pattern.compile(
                "forecast_safety_stock\\s*=\\s*optional\\(string, \"(\\d+) (\\d+) \\* \\* \\*\"\\)")
            .matcher(variables);
    assertThat(export.find()).as("a daily export schedule").isTrue();
    assertThat(forecast.find()).as("a daily forecast schedule").isTrue();

    LocalTime exportAt = LocalTime.parse(export.group(1));
    LocalTime forecastAt =
        LocalTime.of(Integer.parseInt(forecast.group(2)), Integer.parseInt(forecast.group(1)));
    assertThat(exportAt.plusMinutes(30))
        .as("the export starts at least half an hour before the forecast reads its files")
        .isBeforeOrEqualTo(forecastAt);
    Map<String, Object> transfer =
        Terraform.map(
            Terraform.parse(EXPORT_TF),
            "resource",
            "google_bigquery_data_transfer_config",
            "forecast_history_export");
    assertThat(transfer)
        .containsEntry("data_source_id", "scheduled_query")
        .containsEntry("schedule", "var.schedules.forecast_history_export")
        .doesNotContainKey("destination_dataset_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExportAccountGetsOnlyWhatTheExportNeeds() {
    Map<String, Object> modules = Terraform.map(Terraform.parseDirectory(PLATFORM), "module");
    Map<String, Object> account =
        Terraform.map(modules, "service_accounts", "accounts", "forecast-export");
    assertThat((List<String>) account.get("project_roles"))
        .containsExactly("roles/bigquery.jobUser");
    assertThat(Terraform.directoryText(PLATFORM))
        .containsPattern("iam_viewers\\s*=.*local\\.member\\[\"forecast-export\"]")
        .doesNotContainPattern("iam_editors\\s*=.*forecast-export");

    String text = Terraform.text(EXPORT_TF);
    Map<String, Object> resources = Terraform.map(Terraform.parse(EXPORT_TF), "resource");
    // The transfer service agent mints tokens for the export account only, not the project's.
    assertThat(resources).doesNotContainKey("google_project_iam_member");
    assertThat(
            Terraform.map(
                resources, "google_service_account_iam_member", "transfer_agent_token_creator"))
        .containsEntry("role", "roles/iam.serviceAccountTokenCreator");
    assertThat(text)
        .contains("service_account_id = module.service_accounts.ids[\"forecast-export\"]")
        .containsPattern(AGENT_MEMBER)
        .contains("service_account_name = local.sa[\"forecast-export\"]");
    // Object writes on the history files only.
    Map<String, Object> bucket =
        Terraform.map(resources, "google_storage_bucket_iam_member", "forecast_export_history");
    assertThat(bucket).containsEntry("role", "roles/storage.objectUser");
    assertThat(text)
        .contains(
            "resource.name.startsWith(\\\"projects/_/buckets/${var.artifacts_bucket}/objects/"
                + "${local.forecast_history_prefix}\\\")");
  }
}
