package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval gate's two scripts, run as Cloud Build runs them, on a copy of the environments with
 * stand-ins for terraform and gcloud (no provider or project is reachable here): the plan step
 * saves the plan, its lock file and its rendering where the approver opens them and prints the
 * rendering; the apply applies that saved file, with its lock file, and nothing else.
 */
class SavedPlanTest {

  /** Logs each call; plans, shows and applies files whose content names what was planned. */
  private static final String TERRAFORM =
      """
      #!/usr/bin/env bash
      printf 'terraform %s @ %s\\n' "$*" "$(basename "$PWD")" >> "$FAKE_LOG"
      case "$1" in
        init) [ -f .terraform.lock.hcl ] || echo "# providers of $(basename "$PWD")" > .terraform.lock.hcl ;;
        plan) for a in "$@"; do case "$a" in -out=*) echo "plan: $(basename "$PWD") $*" > "${a#-out=}" ;; esac; done ;;
        show) echo "Terraform will perform the following actions:"; sed 's/^/  # /' "${@: -1}" ;;
        apply) echo "applied: $(cat "${@: -1}") with $(cat .terraform.lock.hcl)" >> "$FAKE_LOG" ;;
      esac
      """;

  /** `gcloud storage cp`, with gs://BUCKET/... kept under $FAKE_GCS/BUCKET/... */
  private static final String GCLOUD =
      """
      #!/usr/bin/env bash
      printf 'gcloud %s\\n' "$*" >> "$FAKE_LOG"
      [ "$1 $2" = "storage cp" ] || { echo "stand-in gcloud knows only storage cp" >&2; exit 2; }
      shift 2
      at() { case "$1" in gs://*) printf '%s/%s' "$FAKE_GCS" "${1#gs://}" ;; *) printf '%s' "$1" ;; esac; }
      dest=$(at "${@: -1}")
      mkdir -p "$dest"
      for src in "${@:1:$#-1}"; do cp "$(at "$src")" "$dest/" || exit 1; done
      """;

  @TempDir Path dir;
  private Path repo;
  private Path gcs;
  private Path log;
  private Path bin;

  @BeforeEach
  void copyTheScriptsAndEnvironments() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    gcs = Files.createDirectories(dir.resolve("gcs"));
    log = dir.resolve("calls.log");
    Files.writeString(log, "");
    Files.createDirectories(repo.resolve("build"));
    for (String script : List.of("terraform-plan", "terraform-apply")) {
      Files.copy(
          Terraform.REPO.resolve("build").resolve(script), repo.resolve("build").resolve(script));
    }
    for (String env : Terraform.ENVIRONMENTS) {
      Path to = Files.createDirectories(repo.resolve("terraform/environments").resolve(env));
      for (String file : List.of("versions.tf", "terraform.tfvars")) {
        Files.copy(Terraform.environment(env).resolve(file), to.resolve(file));
      }
    }
    bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("terraform"), TERRAFORM);
    executable(bin.resolve("gcloud"), GCLOUD);
  }

  @Test
  void thePlanIsSavedWithItsRenderingAndLockFileAndPrinted() throws Exception {
    Run plan = plan("staging", "storewire-staging");

    assertThat(plan.exit).as(plan.output).isZero();
    Path saved = gcs.resolve("storewire-staging-storewire-artifacts/plans/c0ffee/build-1");
    assertThat(saved.resolve("staging.tfplan")).content().startsWith("plan: staging plan");
    assertThat(saved.resolve("staging.terraform.lock.hcl")).hasContent("# providers of staging");
    String rendering = Files.readString(saved.resolve("staging.txt"));
    assertThat(rendering).contains("Terraform will perform", "-var=image_tag=c0ffee");
    assertThat(plan.output).contains(rendering.strip());
    assertThat(plan.output)
        .contains(
            "https://console.cloud.google.com/storage/browser/_details/"
                + "storewire-staging-storewire-artifacts/plans/c0ffee/build-1/staging.txt")
        .contains(
            "gcloud builds triggers run storewire-staging-apply --project=storewire-staging"
                + " --sha=c0ffee --substitutions=_PLAN_BUILD=build-1");
    // Its own state: the bucket versions.tf names, never one passed in.
    assertThat(calls()).contains("terraform init -input=false @ staging");
  }

  @Test
  void anEnvironmentIsNotPlannedFromAnotherEnvironmentsProject() throws Exception {
    Run plan = plan("prod", "storewire-dev");

    assertThat(plan.exit).isEqualTo(1);
    assertThat(plan.output).contains("run prod's build in storewire-prod");
    assertThat(calls()).doesNotContain("terraform");
  }

  @Test
  void theApplyAppliesTheSavedPlanWithItsLockFile() throws Exception {
    assertThat(plan("prod", "storewire-prod").exit).isZero();
    Path saved = gcs.resolve("storewire-prod-storewire-artifacts/plans/c0ffee/build-1");
    String approved = Files.readString(saved.resolve("prod.tfplan")).strip();
    Files.delete(repo.resolve("terraform/environments/prod/.terraform.lock.hcl"));
    Files.writeString(log, "");

    Run apply = apply("prod", "build-1");

    assertThat(apply.exit).as(apply.output).isZero();
    assertThat(apply.output).contains(Files.readString(saved.resolve("prod.txt")).strip());
    assertThat(calls())
        .contains("terraform init -input=false -lockfile=readonly @ prod")
        .contains("applied: " + approved + " with # providers of prod")
        .doesNotContain("terraform plan");
  }

  @Test
  void aPlanThatIsNotTheOneRenderedForTheApproverIsNotApplied() throws Exception {
    assertThat(plan("prod", "storewire-prod").exit).isZero();
    Path saved = gcs.resolve("storewire-prod-storewire-artifacts/plans/c0ffee/build-1");
    Files.writeString(saved.resolve("prod.tfplan"), "plan: something else\n");
    Files.writeString(log, "");

    Run apply = apply("prod", "build-1");

    assertThat(apply.exit).isEqualTo(1);
    assertThat(apply.output).contains("is not the plan whose rendering was approved");
    assertThat(calls()).doesNotContain("applied:", "terraform apply");
  }

  @Test
  void theApplyNeedsToBeToldWhichPlan() throws Exception {
    Run apply = apply("prod", "");

    assertThat(apply.exit).isEqualTo(2);
    assertThat(apply.output).contains("Set _PLAN_BUILD");
    assertThat(calls()).isEmpty();
  }

  private Run plan(String env, String project) throws Exception {
    return run(
        "terraform-plan",
        env,
        Map.of(
            "PROJECT_ID",
            project,
            "COMMIT_SHA",
            "c0ffee",
            "BUILD_ID",
            "build-1",
            "ARTIFACTS_BUCKET",
            project + "-storewire-artifacts",
            "PLAN_DIR",
            dir.resolve("plans").toString()));
  }

  private Run apply(String env, String planBuild) throws Exception {
    return run(
        "terraform-apply",
        env,
        Map.of(
            "COMMIT_SHA",
            "c0ffee",
            "PLAN_BUILD",
            planBuild,
            "ARTIFACTS_BUCKET",
            "storewire-" + env + "-storewire-artifacts"));
  }

  private record Run(int exit, String output) {}

  private Run run(String script, String env, Map<String, String> variables) throws Exception {
    ProcessBuilder process =
        new ProcessBuilder("bash", repo.resolve("build").resolve(script).toString(), env)
            .directory(repo.toFile())
            .redirectErrorStream(true);
    process.environment().putAll(variables);
    process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    process.environment().put("FAKE_LOG", log.toString());
    process.environment().put("FAKE_GCS", gcs.toString());
    Process running = process.start();
    String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(running.exitValue(), output);
  }

  private String calls() throws IOException {
    return Files.readString(log);
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content.stripLeading());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
