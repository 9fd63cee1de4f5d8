package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.storewire.catalog.Catalog;
import com.storewire.catalog.CatalogExport;
import com.storewire.catalog.SubscriptionSpec;
import com.storewire.catalog.TableSpec;
import com.storewire.catalog.TopicSpec;
import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What terraform deploys, checked offline against the catalog (terraform validate/plan cannot run
 * here: no provider downloads). Each environment root hands the checked-in catalog export to the
 * platform composition, which hands its topics and tables to the pubsub and bigquery modules; this
 * test follows that chain through the parsed HCL and then evaluates the modules' naming (the {@code
 * each.value.<field>} each resource takes its name from) over the export, so the names terraform
 * would create are compared with {@link Catalog#storewire()} itself.
 */
class DeployTerraformTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CATALOG_DIR = Terraform.ROOT.resolve("catalog");
  private static final Path CATALOG_FILE = CATALOG_DIR.resolve(CatalogExport.CATALOG_FILE);
  private static final Catalog CATALOG = Catalog.storewire();

  static List<String> environments() {
    return Terraform.ENVIRONMENTS;
  }

  @Test
  void checkedInCatalogExportEqualsTheGeneratedOne(@TempDir Path generated) throws IOException {
    CatalogExport.export(CATALOG, generated);

    Map<String, String> expected = contents(generated);
    Map<String, String> actual = contents(CATALOG_DIR);
    assertThat(actual)
        .as(
            "terraform/catalog/ differs from CatalogExport.export(Catalog.storewire()). Refresh it"
                + " from the repository root: mvn -q -pl canonical-events process-classes && rm -rf"
                + " terraform/catalog && cp -r canonical-events/target/classes/catalog"
                + " terraform/catalog")
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("environments")
  void everyEnvironmentDeploysThePlatformWithTheCheckedInCatalog(String env) {
    Path root = Terraform.environment(env);
    Map<String, Object> platform = Terraform.platformCall(env);

    assertThat(root.resolve((String) platform.get("source")).normalize())
        .isEqualTo(Terraform.module("platform"));
    assertThat(Terraform.fromRoot(env, platform.get("catalog_file"))).isEqualTo(CATALOG_FILE);
    assertThat(platform.get("env")).isEqualTo("var.env");
    Map<String, Object> tfvars = Terraform.parse(root.resolve("terraform.tfvars"));
    assertThat(tfvars.get("env")).as("%s/terraform.tfvars env", env).isEqualTo(env);
  }

  @Test
  void platformReadsTheCatalogAndPassesItsTopicsAndTablesToTheModules() {
    Path dir = Terraform.module("platform");
    Map<String, Object> modules = Terraform.map(Terraform.parseDirectory(dir), "module");
    String text = Terraform.directoryText(dir);

    assertThat(text)
        .containsPattern("catalog\\s*=\\s*jsondecode\\(file\\(var\\.catalog_file\\)\\)");
    assertThat(text).containsPattern("catalog_dir\\s*=\\s*dirname\\(var\\.catalog_file\\)");
    Map<String, Object> pubsub = Terraform.map(modules, "pubsub");
    assertThat(dir.resolve((String) pubsub.get("source")).normalize())
        .isEqualTo(Terraform.module("pubsub"));
    assertThat(pubsub.get("topics")).isEqualTo("local.catalog.topics");
    assertThat(Terraform.map(pubsub, "schema"))
        .containsEntry("name", "local.catalog.pubsub_schema.name")
        .containsEntry("encoding", "local.catalog.pubsub_schema.encoding");
    assertThat(text)
        .contains("file(\"${local.catalog_dir}/${local.catalog.pubsub_schema.definition_file}\")");

    Map<String, Object> bigquery = Terraform.map(modules, "bigquery");
    assertThat(dir.resolve((String) bigquery.get("source")).normalize())
        .isEqualTo(Terraform.module("bigquery"));
    assertThat(bigquery)
        .containsEntry("tables", "local.catalog.bigquery.tables")
        .containsEntry("dataset_id", "local.catalog.bigquery.dataset")
        .containsEntry("schema_dir", "local.catalog_dir");
  }

  @Test
  void pubsubModuleCreatesEveryCatalogTopicSubscriptionDeadLetterTopicAndParkedSubscription()
      throws IOException {
    Path dir = Terraform.module("pubsub");
    Map<String, Object> resources = Terraform.map(Terraform.parseDirectory(dir), "resource");
    String text = Terraform.directoryText(dir);
    // The for_each maps: topics keyed by name; every topic's subscriptions flattened, by name.
    assertThat(text)
        .containsPattern("topics\\s*=\\s*\\{\\s*for t in var\\.topics : t\\.name => t\\s*}");
    assertThat(text)
        .containsPattern(
            "subscriptions = \\{\\s*for s in flatten\\(\\[for t in var\\.topics : \\[for sub in"
                + " t\\.subscriptions : merge\\(sub, \\{ topic = t\\.name }\\)]]\\) :\\s*s\\.name => s");

    JsonNode export = JSON.readTree(CATALOG_FILE.toFile());
    List<JsonNode> topics = list(export.get("topics"));
    List<JsonNode> subscriptions =
        topics.stream().flatMap(t -> list(t.get("subscriptions")).stream()).toList();

    assertThat(created(resources, "google_pubsub_topic", "topic", "local.topics", topics))
        .isEqualTo(names(CATALOG.topics(), TopicSpec::name));
    assertThat(
            created(
                resources,
                "google_pubsub_topic",
                "dead_letter",
                "local.subscriptions",
                subscriptions))
        .isEqualTo(names(CATALOG.subscriptions(), SubscriptionSpec::deadLetterTopic));
    assertThat(
            created(
                resources,
                "google_pubsub_subscription",
                "subscription",
                "local.subscriptions",
                subscriptions))
        .isEqualTo(names(CATALOG.subscriptions(), SubscriptionSpec::name));
    assertThat(
            created(
                resources,
                "google_pubsub_subscription",
                "parked",
                "local.subscriptions",
                subscriptions))
        .isEqualTo(names(CATALOG.subscriptions(), SubscriptionSpec::parkedSubscription));

    Map<String, Object> subscription =
        Terraform.map(resources, "google_pubsub_subscription", "subscription");
    assertThat(Terraform.map(subscription, "dead_letter_policy"))
        .containsEntry("dead_letter_topic", "google_pubsub_topic.dead_letter.each.key.id")
        .containsEntry("max_delivery_attempts", "each.value.max_delivery_attempts");
    assertThat(subscription)
        .containsEntry("filter", "each.value.filter")
        .containsEntry("enable_message_ordering", "each.value.message_ordering")
        .containsEntry("ack_deadline_seconds", "each.value.ack_deadline_seconds");
    assertThat(text)
        .contains("minimum_backoff = \"${each.value.minimum_backoff_seconds}s\"")
        .contains("maximum_backoff = \"${each.value.maximum_backoff_seconds}s\"");
    // The Pub/Sub service agent may publish to each dead-letter topic and ack on each subscription.
    assertThat(Terraform.map(resources, "google_pubsub_topic_iam_member", "dead_letter_publisher"))
        .containsEntry("role", "roles/pubsub.publisher")
        .containsEntry("member", "local.pubsub_agent");
    assertThat(
            Terraform.map(
                resources, "google_pubsub_subscription_iam_member", "dead_letter_subscriber"))
        .containsEntry("role", "roles/pubsub.subscriber")
        .containsEntry("member", "local.pubsub_agent");
  }

  @Test
  void bigqueryModuleCreatesEveryCatalogTableWithItsPartitioningAndClustering() throws IOException {
    Path dir = Terraform.module("bigquery");
    Map<String, Object> resources = Terraform.map(Terraform.parseDirectory(dir), "resource");
    assertThat(Terraform.directoryText(dir))
        .containsPattern("tables\\s*=\\s*\\{\\s*for t in var\\.tables : t\\.table => t\\s*}");
    Map<String, Object> table = Terraform.map(resources, "google_bigquery_table", "table");
    assertThat(table)
        .containsEntry("clustering", "each.value.clustering")
        .containsEntry("dataset_id", "google_bigquery_dataset.dataset.dataset_id");
    assertThat(Terraform.map(table, "time_partitioning"))
        .containsEntry("field", "each.value.partition_field")
        .containsEntry("type", "each.value.partition_type");
    assertThat(Terraform.map(resources, "google_bigquery_dataset", "dataset"))
        .containsEntry("dataset_id", "var.dataset_id");

    JsonNode bigquery = JSON.readTree(CATALOG_FILE.toFile()).get("bigquery");
    assertThat(bigquery.get("dataset").asText()).isEqualTo(CATALOG.tables().get(0).dataset());
    List<JsonNode> tables = list(bigquery.get("tables"));
    assertThat(field(table, "table_id", "local.tables").apply(tables))
        .isEqualTo(names(CATALOG.tables(), TableSpec::table));
    for (JsonNode t : tables) {
      TableSpec spec =
          CATALOG.tables().stream()
              .filter(s -> s.table().equals(t.get("table").asText()))
              .findFirst()
              .orElseThrow();
      assertThat(t.get("partition_field").asText()).isEqualTo(spec.partitionField());
      assertThat(list(t.get("clustering")).stream().map(JsonNode::asText).toList())
          .isEqualTo(spec.clustering());
      assertThat(CATALOG_DIR.resolve(t.get("schema_file").asText())).isRegularFile();
    }
  }

  /**
   * BigQuery refuses a view over a table that does not exist, so every view waits for every table
   * (dataflow-transforms' ViewTablesTest proves each table a view reads is a catalog table).
   */
  @Test
  @SuppressWarnings("unchecked")
  void bigqueryModuleCreatesViewsOnlyAfterEveryTable() {
    Map<String, Object> resources =
        Terraform.map(Terraform.parseDirectory(Terraform.module("bigquery")), "resource");
    Map<String, Object> view = Terraform.map(resources, "google_bigquery_table", "view");
    assertThat((List<Object>) view.get("depends_on"))
        .map(String::valueOf)
        .contains("google_bigquery_table.table");
    assertThat(Terraform.map(view, "view")).containsKey("query");
  }

  @Test
  void noSubscriptionAnywhereLacksADeadLetterPolicy() {
    List<String> offenders = new ArrayList<>();
    int subscriptions = 0;
    for (Path file : Terraform.files()) {
      Object blocks = Terraform.parse(file).get("resource");
      if (!(blocks instanceof Map<?, ?> resources)
          || !(resources.get("google_pubsub_subscription") instanceof Map<?, ?> subs)) {
        continue;
      }
      for (Map.Entry<?, ?> sub : subs.entrySet()) {
        subscriptions++;
        Map<?, ?> body = (Map<?, ?>) sub.getValue();
        boolean deadLetters =
            body.get("dead_letter_policy") instanceof Map<?, ?> policy
                && policy.get("dead_letter_topic") != null
                && policy.get("max_delivery_attempts") != null;
        // The one exception: a parked subscription on a dead-letter topic is the end of the line.
        boolean parked =
            String.valueOf(body.get("topic")).startsWith("google_pubsub_topic.dead_letter.")
                && "each.value.parked_subscription".equals(body.get("name"));
        if (!deadLetters && !parked) {
          offenders.add(Terraform.ROOT.relativize(file) + ": " + sub.getKey());
        }
      }
    }
    assertThat(subscriptions).as("subscriptions declared").isGreaterThanOrEqualTo(2);
    assertThat(offenders).as("subscriptions without a dead-letter policy").isEmpty();
  }

  @Test
  void noPrimitiveRoleAnywhereAndAllUsersOnlyWhereTheDescriptionSaysPublic() {
    Pattern primitive =
        Pattern.compile("roles/(owner|editor|viewer)\\b|\\ballAuthenticatedUsers\\b");
    Pattern allUsers = Pattern.compile("\\ballUsers\\b");
    List<String> offenders = new ArrayList<>();
    List<String> publicBindings = new ArrayList<>();
    for (Path file : Terraform.files()) {
      // The text outside the validations that name forbidden members to refuse them.
      String text = Terraform.text(file).replaceAll("(?s)validation \\{.*?\\n  }", "");
      Matcher m = primitive.matcher(text);
      while (m.find()) {
        offenders.add(Terraform.ROOT.relativize(file) + ": " + m.group());
      }
      Matcher p = allUsers.matcher(text.replaceAll("(?m)^\\s*description\\s*=.*$", ""));
      while (p.find()) {
        publicBindings.add(Terraform.ROOT.relativize(file).toString());
      }
    }
    assertThat(offenders).isEmpty();
    // allUsers is bound in one place per module, only when the caller sets public ...
    assertThat(publicBindings)
        .containsExactlyInAnyOrder(
            "modules/cloud-run-service/main.tf", "modules/cloud-function/main.tf");
    for (String module : List.of("cloud-run-service", "cloud-function")) {
      assertThat(Terraform.text(Terraform.module(module).resolve("main.tf")))
          .as("%s binds allUsers only when public", module)
          .contains("count    = var.public ? 1 : 0");
    }
    // ... which only the description decides.
    String platform = Terraform.directoryText(Terraform.module("platform"));
    assertThat(platform.split("public                = each.value.access.public", -1))
        .as("services and functions take public from the description")
        .hasSize(3);
    assertThat(platform).doesNotContainPattern("public\\s*=\\s*true");
    assertThat(Terraform.text(Terraform.module("service-accounts").resolve("variables.tf")))
        .as("the service-accounts module refuses primitive roles")
        .contains("\"roles/owner\", \"roles/editor\", \"roles/viewer\"");
  }

  @Test
  void everyCredentialAConnectorReadsIsASecretOfTheFunctionsOfItsVendorOnly() throws IOException {
    Pattern read = Pattern.compile("env\\.get(?:OrDefault)?\\(\"([A-Z_]+)\"");
    Pattern credential = Pattern.compile(".*(SECRET|TOKEN|PASSWORD|API_KEY|CONSUMER_KEY)$");
    Set<String> credentials = new TreeSet<>();
    try (Stream<Path> sources =
        Files.walk(Terraform.REPO.resolve("connector-functions/src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = read.matcher(Files.readString(source));
        while (m.find()) {
          if (credential.matcher(m.group(1)).matches()) {
            credentials.add(m.group(1));
          }
        }
      }
    }
    assertThat(credentials).contains("SHOPIFY_CLIENT_SECRET", "STOREWIRE_WEBHOOK_TOKEN");

    List<Deployable> functions = Deployment.storewire().deployables(Deployable.Kind.FUNCTION);
    Set<String> declared = new TreeSet<>();
    functions.forEach(f -> declared.addAll(f.secrets()));
    assertThat(declared).as("the functions' secrets").containsAll(credentials);
    for (Deployable function : functions) {
      // A function's package is its vendor; a secret's prefix names its vendor.
      String vendor = function.entryPoint().split("\\.")[3].toUpperCase(java.util.Locale.ROOT);
      for (String secret : function.secrets()) {
        assertThat(secret)
            .as("%s reads only its vendor's secrets", function.name())
            .matches(s -> s.startsWith(vendor + "_") || s.startsWith("STOREWIRE_"));
      }
    }
    assertThat(Terraform.directoryText(Terraform.module("platform")))
        .as("terraform hands each deployable exactly its description's secrets")
        .contains("secret_env            = each.value.secrets")
        .contains("secret_env = each.value.secrets");
  }

  @Test
  void everyDeployableTerraformRunsComesFromTheDescription() {
    String platform = Terraform.directoryText(Terraform.module("platform"));
    assertThat(platform)
        .contains("for_each              = local.services")
        .contains("for_each              = local.functions")
        .contains("var.reconciliation_job_enabled ? local.jobs : {}")
        .contains("push_endpoints             = local.push_endpoints")
        .doesNotContain("com.storewire.");
    for (Deployable d : Deployment.storewire().deployables()) {
      Path entryPoint =
          switch (d.kind()) {
            case FUNCTION ->
                Terraform.REPO.resolve(
                    "connector-functions/src/main/java/"
                        + d.entryPoint().replace('.', '/')
                        + ".java");
            case SERVICE, JOB -> Terraform.REPO.resolve(d.entryPoint()).resolve("pom.xml");
            case PIPELINE ->
                Terraform.REPO.resolve(
                    "dataflow-transforms/src/main/flex-templates/" + d.entryPoint() + ".json");
          };
      assertThat(entryPoint).as("%s's entry point", d.name()).isRegularFile();
    }
  }

  @ParameterizedTest
  @MethodSource("environments")
  @SuppressWarnings("unchecked")
  void providersArePinnedAndStateIsRemote(String env) {
    Map<String, Object> terraform =
        Terraform.map(Terraform.parseDirectory(Terraform.environment(env)), "terraform");
    Map<String, Object> providers = Terraform.map(terraform, "required_providers");
    assertThat(providers).containsOnlyKeys("google", "google-beta");
    Pattern pinned = Pattern.compile("(= ?)?\\d+\\.\\d+\\.\\d+|~> ?\\d+\\.\\d+(\\.\\d+)?");
    providers.forEach(
        (name, spec) -> {
          Map<String, Object> p = (Map<String, Object>) spec;
          assertThat(p.get("source")).isEqualTo("hashicorp/" + name);
          assertThat((String) p.get("version"))
              .as("%s %s provider version", env, name)
              .matches(pinned);
        });
    assertThat((String) terraform.get("required_version")).matches(pinned);
    assertThat(Terraform.map(terraform, "backend", "gcs"))
        .containsEntry("prefix", "storewire/" + env);
  }

  /**
   * The alerts the platform promises, each notifying the environment's channels: every policy the
   * monitoring module defines is created from one list that names them, and every environment
   * passes its channels to the platform, which passes them on.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyEnvironmentGetsTheAlertsThatWatchForSilentFailures() {
    Map<String, Object> monitoring = Terraform.parseDirectory(Terraform.module("monitoring"));
    Map<String, Object> policies =
        (Map<String, Object>) Terraform.map(monitoring, "locals").get("policies");
    assertThat(policies)
        .containsKeys(
            "connector-alerts",
            "dead-letter-backlog",
            "oldest-unacked",
            "outbox-lag",
            "oversold-units",
            "orders-expired-unshipped",
            "reconciliation-drift",
            "reconciliation-job-failed",
            "dataflow-job-failed",
            "scheduled-query-failed");
    Map<String, Object> policy =
        Terraform.map(monitoring, "resource", "google_monitoring_alert_policy", "policy");
    assertThat(policy.get("for_each")).isEqualTo("local.policies");
    assertThat(policy.get("notification_channels")).isEqualTo("var.notification_channels");
    Map<String, Object> platformCall =
        Terraform.map(
            Terraform.parseDirectory(Terraform.module("platform")), "module", "monitoring");
    assertThat(platformCall.get("notification_channels"))
        .isEqualTo("var.alert_notification_channels");
    for (String env : Terraform.ENVIRONMENTS) {
      assertThat(Terraform.platformCall(env).get("alert_notification_channels"))
          .as(env)
          .isEqualTo("var.alert_notification_channels");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyModuleVariableHasADescriptionAndAType() {
    List<String> missing = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Terraform.ROOT.resolve("modules"))) {
      for (Path dir : dirs.sorted().toList()) {
        Map<String, Object> variables =
            (Map<String, Object>) Terraform.parseDirectory(dir).getOrDefault("variable", Map.of());
        variables.forEach(
            (name, body) -> {
              Map<String, Object> b = (Map<String, Object>) body;
              if (!(b.get("description") instanceof String d)
                  || d.isBlank()
                  || !b.containsKey("type")) {
                missing.add(dir.getFileName() + "." + name);
              }
            });
        assertThat(dir.resolve("versions.tf")).isRegularFile();
        assertThat(dir.resolve("outputs.tf")).isRegularFile();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(missing).isEmpty();
  }

  /**
   * The names a {@code for_each} resource creates: its {@code name} is {@code each.value.<field>},
   * evaluated over the export entries its for_each map is built from.
   */
  private static Set<String> created(
      Map<String, Object> resources,
      String type,
      String name,
      String forEach,
      List<JsonNode> entries) {
    return field(Terraform.map(resources, type, name), "name", forEach).apply(entries);
  }

  private static Function<List<JsonNode>, Set<String>> field(
      Map<String, Object> resource, String attribute, String forEach) {
    assertThat(resource.get("for_each")).isEqualTo(forEach);
    String expression = String.valueOf(resource.get(attribute));
    assertThat(expression)
        .as("%s takes its name from the catalog", attribute)
        .startsWith("each.value.");
    String field = expression.substring("each.value.".length());
    return entries ->
        entries.stream()
            .map(
                e -> {
                  assertThat(e.has(field)).as("export field %s", field).isTrue();
                  return e.get(field).asText();
                })
            .collect(Collectors.toCollection(TreeSet::new));
  }

  private static <T> Set<String> names(List<T> specs, Function<T, String> name) {
    return specs.stream().map(name).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return out;
  }
}
