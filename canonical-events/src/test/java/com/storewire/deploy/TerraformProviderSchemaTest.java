package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.storewire.deploy.HclStructure.Attribute;
import com.storewire.deploy.HclStructure.Block;
import com.storewire.deploy.HclStructure.Body;
import com.storewire.deploy.ProviderSchemaCheck.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * terraform/ checked against the Google provider's own schema (6.50.0, read from the jsii assembly
 * of its CDK for Terraform bindings: {@link ProviderSchema}), where {@code terraform validate}
 * cannot run for want of the provider. Every resource and data source of every module and
 * environment: its type exists, its arguments and blocks exist at their level, its required ones
 * are set, nothing is given twice ({@link ProviderSchemaCheck}).
 */
class TerraformProviderSchemaTest {

  /** The schema of a provider local name, or null for one that is not Google's. */
  static ProviderSchema schema(String provider) {
    return ProviderSchema.PACKAGES.containsKey(provider) ? ProviderSchema.of(provider) : null;
  }

  @Test
  void everyResourceAndDataSourceMatchesTheProviderSchema() {
    Result result = ProviderSchemaCheck.check(Terraform.ROOT, TerraformProviderSchemaTest::schema);

    // The check saw every resource and data source hcl4j sees.
    assertThat(result.checked()).containsExactlyInAnyOrderElementsOf(hcl4jAddresses());
    assertThat(result.checked()).hasSizeGreaterThan(40);
    assertThat(result.findings())
        .as(
            "terraform/ against hashicorp/google %s (%d resources and data sources checked)",
            schema("google").version(), result.checked().size())
        .isEmpty();
  }

  @Test
  void reportsEachWayAResourceCanDepartFromTheSchema(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("main.tf"),
        """
        # A comment that looks like structure: resource "google_nothing" "x" { a = 1 }
        resource "google_pubsub_subscription" "typo" {
          name              = "orders"
          topic             = "orders"
          ack_deadline_secs = 20
          filter            = "attributes.kind = \\"{x}\\" AND ${var.filter}"
          dead_letter_policy {
            dead_letter_topic    = "dead"
            max_delivery_attemps = 5
          }
          retry_policy = { minimum_backoff = "10s" }
          labels {
            env = "dev"
          }
          expiration_policy { ttl = "" }
          expiration_policy { ttl = "" }
        }

        resource "google_pubsub_topic" "missing_name" {
          labels = { app = "storewire" }
          message_retention_duration = <<-EOT
            86400s }
          EOT
        }

        resource "google_pubsub_topicc" "unknown_type" {
          name = "orders"
        }

        data "google_pubsub_topic" "twice" {
          name = "a"
          name = "b"
        }

        resource "google_dataflow_flex_template_job" "ga_only" {
          name                    = "job"
          container_spec_gcs_path = "gs://bucket/spec.json"
        }

        resource "google_dataflow_flex_template_job" "beta" {
          provider                = google-beta
          count                   = 1
          name                    = "job"
          container_spec_gcs_path = "gs://bucket/spec.json"
          lifecycle {
            ignore_changes = [labels]
          }
        }

        resource "google_cloud_run_v2_job" "no_template" {
          name     = "job"
          location = "europe-west1"
        }

        resource "google_cloud_run_v2_job" "dynamic" {
          name     = "job"
          location = "europe-west1"
          template {
            template {
              containers {
                image = "image"
                dynamic "env" {
                  for_each = var.env
                  content {
                    nmae  = env.key
                    value = env.value
                  }
                }
                dynamic "envs" {
                  for_each = var.env
                  content {
                    name = env.key
                  }
                }
              }
            }
          }
        }
        """);

    Files.writeString(dir.resolve("broken.tf"), "resource \"google_pubsub_topic\" \"t\" {\n");

    Result result = ProviderSchemaCheck.check(dir, TerraformProviderSchemaTest::schema);

    assertThat(result.checked())
        .containsExactly(
            "google_pubsub_subscription.typo",
            "google_pubsub_topic.missing_name",
            "google_pubsub_topicc.unknown_type",
            "data.google_pubsub_topic.twice",
            "google_dataflow_flex_template_job.ga_only",
            "google_dataflow_flex_template_job.beta",
            "google_cloud_run_v2_job.no_template",
            "google_cloud_run_v2_job.dynamic");
    assertThat(result.findings())
        .containsExactlyInAnyOrder(
            "broken.tf: cannot be read: line 2: block resource (line 1) is not closed",
            "main.tf:5: google_pubsub_subscription.typo: unknown argument \"ack_deadline_secs\"",
            "main.tf:9: google_pubsub_subscription.typo dead_letter_policy:"
                + " unknown argument \"max_delivery_attemps\"",
            "main.tf:11: google_pubsub_subscription.typo:"
                + " \"retry_policy\" is a block, not an argument: write retry_policy { … }",
            "main.tf:12: google_pubsub_subscription.typo:"
                + " \"labels\" is an argument, not a block: write labels = …",
            "main.tf:16: google_pubsub_subscription.typo:"
                + " block \"expiration_policy\" given 2 times, at most 1",
            "main.tf:19: google_pubsub_topic.missing_name: missing required argument \"name\"",
            "main.tf:26: google_pubsub_topicc.unknown_type:"
                + " unknown resource type \"google_pubsub_topicc\" in provider google 6.50.0",
            "main.tf:32: data.google_pubsub_topic.twice:"
                + " argument \"name\" given 2 times (lines 31, 32)",
            "main.tf:35: google_dataflow_flex_template_job.ga_only:"
                + " unknown resource type \"google_dataflow_flex_template_job\" in provider google"
                + " 6.50.0",
            "main.tf:50: google_cloud_run_v2_job.no_template: missing required block \"template\"",
            "main.tf:64: google_cloud_run_v2_job.dynamic template.template.containers.env:"
                + " missing required argument \"name\"",
            "main.tf:65: google_cloud_run_v2_job.dynamic template.template.containers.env:"
                + " unknown argument \"nmae\"",
            "main.tf:69: google_cloud_run_v2_job.dynamic template.template.containers:"
                + " unknown block \"envs\"");
  }

  @Test
  void theSchemaIsTheProvidersAsTheJsiiAssemblyDescribesIt() {
    ProviderSchema google = schema("google");
    assertThat(google.provider()).isEqualTo("google");
    assertThat(google.version()).isEqualTo("6.50.0");
    assertThat(schema("google-beta").version()).isEqualTo(google.version());
    assertThat(google.resources()).hasSizeGreaterThan(1000);
    assertThat(google.dataSources()).containsKey("google_project");

    ProviderSchema.Block subscription = google.resources().get("google_pubsub_subscription");
    assertThat(subscription.arguments())
        .containsEntry("name", true)
        .containsEntry("topic", true)
        .containsEntry("filter", false)
        .doesNotContainKey("effective_labels"); // computed only: not an argument
    assertThat(subscription.blocks().get("dead_letter_policy"))
        .extracting(ProviderSchema.Nested::min, ProviderSchema.Nested::max)
        .containsExactly(0, 1);
    ProviderSchema.Block job = google.resources().get("google_cloud_run_v2_job");
    ProviderSchema.Nested template = job.blocks().get("template");
    assertThat(template.min()).isEqualTo(1);
    ProviderSchema.Nested containers =
        template.block().blocks().get("template").block().blocks().get("containers");
    assertThat(containers.max()).as("a list block has no upper bound").isNull();
    assertThat(containers.block().arguments()).containsEntry("image", true);
    // The Terraform name is the registry link's anchor, not the jsii property's.
    assertThat(
            google
                .resources()
                .get("google_blockchain_node_engine_blockchain_nodes")
                .blocks()
                .get("ethereum_details")
                .block()
                .blocks())
        .containsKey("geth_details");
  }

  /**
   * Every versions.tf pins google and google-beta to the minor release the schema was read from, so
   * what this test checks is what {@code terraform init} installs.
   */
  @Test
  void everyVersionsTfPinsTheProvidersToTheSchemasRelease() {
    String version = schema("google").version();
    String pin = "~> " + version.substring(0, version.lastIndexOf('.')) + ".0";
    List<Path> versionFiles = Terraform.files(Terraform.ROOT, "/versions.tf");
    assertThat(versionFiles).hasSizeGreaterThan(10);
    List<String> offenders = new ArrayList<>();
    for (Path file : versionFiles) {
      Map<String, Object> providers =
          Terraform.map(Terraform.parse(file), "terraform", "required_providers");
      assertThat(providers.keySet())
          .as("%s providers", file)
          .containsExactlyInAnyOrderElementsOf(ProviderSchema.PACKAGES.keySet());
      providers.forEach(
          (name, spec) -> {
            Map<String, Object> p = Terraform.map(spec);
            if (!p.get("source").equals("hashicorp/" + name) || !p.get("version").equals(pin)) {
              offenders.add(Terraform.ROOT.relativize(file) + ": " + name + " " + p);
            }
          });
    }
    assertThat(offenders).as("providers not pinned to %s", pin).isEmpty();
  }

  @Test
  void hclStructureKeepsEveryAttributeAndBlockWithItsLine() {
    Body body =
        HclStructure.parse(
            """
            locals {
              a = { b = "}" } # not the end
              a = [
                "${join("}", ["{"])}", // nor this
              ]
              c = <<EOT
              d = 1
              }
            EOT
            }
            resource "t" "n" { x { y = 1 } }
            """);
    Block locals = body.blocks().get(0);
    assertThat(locals.body().attributes())
        .extracting(Attribute::name, Attribute::line)
        .containsExactly(tuple("a", 2), tuple("a", 3), tuple("c", 6));
    assertThat(locals.body().attributes().get(0).expression()).isEqualTo("{ b = \"}\" }");
    Block resource = body.blocks().get(1);
    assertThat(resource.labels()).containsExactly("t", "n");
    assertThat(resource.line()).isEqualTo(11);
    assertThat(resource.body().blocks().get(0).body().attributes().get(0).expression())
        .isEqualTo("1");
  }

  /** Every resource and data source address, as hcl4j parses each .tf file. */
  private static List<String> hcl4jAddresses() {
    List<String> out = new ArrayList<>();
    for (Path file : Terraform.files(Terraform.ROOT, ".tf")) {
      Map<String, Object> parsed = Terraform.parse(file);
      for (String kind : List.of("resource", "data")) {
        if (parsed.get(kind) instanceof Map<?, ?> types) {
          types.forEach(
              (type, named) ->
                  ((Map<?, ?>) named)
                      .keySet()
                      .forEach(
                          name ->
                              out.add((kind.equals("data") ? "data." : "") + type + "." + name)));
        }
      }
    }
    return out;
  }
}
