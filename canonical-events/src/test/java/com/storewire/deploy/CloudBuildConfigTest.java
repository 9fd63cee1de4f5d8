package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * cloudbuild.yaml and build/apply.cloudbuild.yaml (read with SnakeYAML) name only what exists:
 * Maven modules of the root pom, poms on disk, images a Jib configuration produces, and terraform
 * environment directories; every step runs on the repository's own builder image; each environment
 * is planned against its own state; and what an approver approves is a saved plan they could read,
 * which is then applied as saved.
 */
class CloudBuildConfigTest {

  private static final Path REPO = Terraform.REPO;
  private static final String CLOUDBUILD = "cloudbuild.yaml";
  private static final String APPLY_CLOUDBUILD = "build/apply.cloudbuild.yaml";
  private static final String BUILDER = "${_BUILDER_IMAGE}:${COMMIT_SHA}";
  private static final Pattern PROJECT_LIST = Pattern.compile("^-pl$|^--projects$");
  private static final Pattern FILE_FLAG = Pattern.compile("-f\\s+(\\S+/pom\\.xml)");

  private static Map<String, Object> config() throws IOException {
    return config(CLOUDBUILD);
  }

  private static Map<String, Object> config(String file) throws IOException {
    return new Yaml().load(Files.readString(REPO.resolve(file)));
  }

  private static List<Map<String, Object>> steps() throws IOException {
    return steps(CLOUDBUILD);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(String file) throws IOException {
    return (List<Map<String, Object>>) config(file).get("steps");
  }

  private static Map<String, Object> step(String file, String id) throws IOException {
    return steps(file).stream()
        .filter(s -> id.equals(s.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no step " + id));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> substitutions(String file) throws IOException {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    ((Map<String, Object>) config(file).get("substitutions"))
        .forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** A step's environment variables, as {@code NAME -> value}. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> step) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Object entry : (List<Object>) step.getOrDefault("env", List.of())) {
      String e = String.valueOf(entry);
      out.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    return out;
  }

  /** A step's command line: its arguments, or the script of a `bash -c`/`sh -c` step. */
  @SuppressWarnings("unchecked")
  private static List<String> args(Map<String, Object> step) {
    return ((List<Object>) step.getOrDefault("args", List.of()))
        .stream().map(String::valueOf).toList();
  }

  private static String script(Map<String, Object> step) {
    return String.join(" ", args(step));
  }

  /**
   * Each Flex Template it builds, one per line of main-classes.properties, has its main class and
   * its metadata file, and ships the jar dataflow-transforms' `package` shades (the one `verify`
   * tested), not a rebuild of its own.
   */
  @Test
  void everyFlexTemplateItBuildsHasItsLauncherMetadataAndTheTestedJar() throws Exception {
    String flexTemplates =
        steps().stream()
            .filter(s -> "flex-templates".equals(s.get("id")))
            .map(CloudBuildConfigTest::script)
            .findFirst()
            .orElseThrow();
    Path templates = REPO.resolve("dataflow-transforms/src/main/flex-templates");
    assertThat(flexTemplates)
        .contains("templates=dataflow-transforms/src/main/flex-templates")
        .contains("$$templates/main-classes.properties")
        .contains("--metadata-file=$$templates/$${name}.json")
        .contains("--env=FLEX_TEMPLATE_JAVA_MAIN_CLASS=$$class")
        .contains("jar=dataflow-transforms/target/" + flexTemplateJar())
        .contains("--jar=\"$$jar\"")
        .doesNotContain("mvn");

    Properties mainClasses = new Properties();
    try (var in = Files.newBufferedReader(templates.resolve("main-classes.properties"))) {
      mainClasses.load(in);
    }
    for (String name : mainClasses.stringPropertyNames()) {
      Path launcher =
          REPO.resolve("dataflow-transforms/src/main/java")
              .resolve(mainClasses.getProperty(name).replace('.', '/') + ".java");
      assertThat(launcher).as("launcher of %s", name).isRegularFile();
      assertThat(templates.resolve(name + ".json")).as("metadata of %s", name).isRegularFile();
    }
    assertThat(mainClasses).as("Flex Templates built").hasSize(3);
  }

  /** The file name of the shade plugin's outputFile in dataflow-transforms' pom. */
  private static String flexTemplateJar() throws Exception {
    Document pom = xml(REPO.resolve("dataflow-transforms/pom.xml"));
    String outputFile = pom.getElementsByTagName("outputFile").item(0).getTextContent().trim();
    assertThat(outputFile).startsWith("${project.build.directory}/");
    return outputFile.substring("${project.build.directory}/".length());
  }

  @Test
  void runsTheReadmesTestCommandAndHasUniqueStepIds() throws IOException {
    List<Map<String, Object>> steps = steps();
    List<String> ids = steps.stream().map(s -> String.valueOf(s.get("id"))).toList();
    assertThat(ids).doesNotHaveDuplicates().doesNotContain("null");
    Map<String, Object> verify = steps.get(ids.indexOf("verify"));
    assertThat(verify.get("entrypoint")).isEqualTo("mvn");
    assertThat(args(verify)).contains("-B", "verify");
    assertThat(Files.readString(REPO.resolve("README.md"))).contains("mvn -B verify");
  }

  @Test
  void everyMavenModuleAndPomItNamesExists() throws Exception {
    Set<String> modules = rootModules();
    Set<String> named = new TreeSet<>();
    for (Map<String, Object> step : steps()) {
      List<String> args = new ArrayList<>();
      for (String arg : args(step)) {
        args.addAll(List.of(arg.split("\\s+")));
      }
      for (int i = 0; i + 1 < args.size(); i++) {
        if (PROJECT_LIST.matcher(args.get(i)).matches()) {
          for (String module : args.get(i + 1).replace("\"", "").split(",")) {
            named.add(module);
          }
        }
      }
      Matcher poms = FILE_FLAG.matcher(script(step));
      while (poms.find()) {
        assertThat(REPO.resolve(poms.group(1)))
            .as("pom of step %s", step.get("id"))
            .isRegularFile();
      }
    }
    assertThat(named).isNotEmpty();
    assertThat(modules).as("root pom <modules>").containsAll(named);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyImageCloudBuildPushesWithJibIsOneItsModuleConfigures() throws Exception {
    Map<String, Object> substitutions = (Map<String, Object>) config().get("substitutions");
    int jibSteps = 0;
    for (Map<String, Object> step : steps()) {
      List<String> args = args(step);
      if (!args.contains("jib:build")) {
        continue;
      }
      jibSteps++;
      String module = args.get(args.indexOf("-pl") + 1);
      String image = jibImage(module);
      assertThat(image)
          .as("%s's Jib image", module)
          .isEqualTo("${gcp.region}-docker.pkg.dev/${gcp.project}/storewire/" + module);
      // Cloud Build fills the image's properties, tagging with the commit.
      assertThat(args)
          .contains(
              "-Dgcp.region=${_REGION}",
              "-Dgcp.project=${PROJECT_ID}",
              "-Dimage.tag=${COMMIT_SHA}");
      assertThat(substitutions.get("_REPOSITORY")).isEqualTo("storewire");
    }
    assertThat(jibSteps).isGreaterThanOrEqualTo(1);
  }

  @Test
  void everyImageTerraformDeploysIsBuiltByJib() throws Exception {
    // Terraform takes each service's and the job's image from the deployment description.
    String platform = Terraform.directoryText(Terraform.module("platform"));
    assertThat(platform.split("\\$\\{local\\.images}/\\$\\{each\\.value\\.entry_point}:", -1))
        .as("services and the job deploy the description's image")
        .hasSize(3);
    Set<String> deployed = new LinkedHashSet<>();
    for (var d : com.storewire.deployment.Deployment.storewire().deployables()) {
      if (d.kind() == com.storewire.deployment.Deployable.Kind.SERVICE
          || d.kind() == com.storewire.deployment.Deployable.Kind.JOB) {
        deployed.add(d.entryPoint());
      }
    }
    assertThat(deployed).contains("order-intake", "reconciliation-job");
    Set<String> pushed = new TreeSet<>();
    for (Map<String, Object> step : steps()) {
      List<String> args = args(step);
      if (args.contains("jib:build")) {
        pushed.add(args.get(args.indexOf("-pl") + 1));
      }
    }
    for (String image : deployed) {
      assertThat(REPO.resolve(image).resolve("pom.xml")).as("%s's module", image).isRegularFile();
      assertThat(pushed).as("Cloud Build pushes %s with Jib", image).contains(image);
    }
  }

  /**
   * Every step runs on the builder image built from build/builder/Dockerfile for this very commit
   * (which has what `mvn -B verify` and terraform need; BuilderImageTest checks its contents), and
   * the first step builds and pushes it with Cloud Build's docker builder.
   */
  @Test
  void everyStepRunsOnTheRepositorysBuilderImage() throws IOException {
    assertThat(REPO.resolve("build/builder/Dockerfile")).isRegularFile();
    for (String file : List.of(CLOUDBUILD, APPLY_CLOUDBUILD)) {
      assertThat(substitutions(file))
          .as("%s substitutions", file)
          .containsEntry(
              "_BUILDER_IMAGE", "${_REGION}-docker.pkg.dev/${PROJECT_ID}/${_REPOSITORY}/builder")
          .containsEntry("_REPOSITORY", "storewire")
          .doesNotContainKey("_TERRAFORM_IMAGE");
      assertThat(Files.readString(REPO.resolve(file))).doesNotContain("hashicorp/terraform");
    }

    List<Map<String, Object>> steps = steps();
    Map<String, Object> builder = steps.get(0);
    assertThat(builder.get("id")).isEqualTo("builder-image");
    assertThat(builder.get("name")).isEqualTo("gcr.io/cloud-builders/docker");
    String build = script(builder).replace("\\\n", " ");
    assertThat(build)
        .containsPattern(
            "docker build [^\\n]*--tag \\$\\{_BUILDER_IMAGE}:\\$\\{COMMIT_SHA} [^\\n]*build/builder")
        .contains("docker push ${_BUILDER_IMAGE}:${COMMIT_SHA}");
    for (Map<String, Object> step : steps.subList(1, steps.size())) {
      assertThat(step.get("name")).as("image of step %s", step.get("id")).isEqualTo(BUILDER);
    }
    for (Map<String, Object> step : steps(APPLY_CLOUDBUILD)) {
      assertThat(step.get("name")).as("image of step %s", step.get("id")).isEqualTo(BUILDER);
    }
  }

  /**
   * A build is for one environment, planned in that environment's project against that
   * environment's state: terraform init takes the bucket its versions.tf names (no
   * -backend-config), which is in the environment's own project (its terraform.tfvars project_id),
   * so no two environments share a state bucket; and the plan refuses to run in another project.
   */
  @Test
  void eachEnvironmentIsPlannedAgainstItsOwnStateBucket() throws IOException {
    Map<String, String> substitutions = substitutions(CLOUDBUILD);
    assertThat(Terraform.ENVIRONMENTS).contains(substitutions.get("_ENV"));
    assertThat(substitutions).doesNotContainKeys("_STATE_BUCKET", "_ENVS");
    Map<String, Object> plan = step(CLOUDBUILD, "plan");
    assertThat(args(plan)).containsExactly("build/terraform-plan", "${_ENV}");
    assertThat(env(plan))
        .containsEntry("PROJECT_ID", "${PROJECT_ID}")
        .containsEntry("BUILD_ID", "${BUILD_ID}")
        .containsEntry("ARTIFACTS_BUCKET", "${_ARTIFACTS_BUCKET}");
    String planScript = Files.readString(REPO.resolve("build/terraform-plan"));
    assertThat(planScript)
        .contains("terraform/environments/$env")
        .contains("terraform init -input=false\n")
        .doesNotContainPattern("terraform init[^\\n]*-backend-config")
        .contains("if [ \"$project\" != \"$PROJECT_ID\" ]");
    assertThat(Files.readString(REPO.resolve("build/terraform-apply")))
        .doesNotContainPattern("terraform init[^\\n]*-backend-config");

    Set<String> buckets = new TreeSet<>();
    for (String env : Terraform.ENVIRONMENTS) {
      Map<String, Object> tfvars =
          Terraform.parse(Terraform.environment(env).resolve("terraform.tfvars"));
      String project = (String) tfvars.get("project_id");
      Map<String, Object> backend =
          Terraform.map(
              Terraform.parseDirectory(Terraform.environment(env)), "terraform", "backend", "gcs");
      assertThat(backend)
          .as("%s's state", env)
          .containsEntry("bucket", project + "-storewire-tfstate")
          .containsEntry("prefix", "storewire/" + env);
      buckets.add((String) backend.get("bucket"));
      // Where this environment's build uploads the function archive and templates is where its
      // terraform reads them from.
      assertThat(tfvars.get("artifacts_bucket"))
          .as("%s's artifacts bucket", env)
          .isEqualTo(project + "-storewire-artifacts");
    }
    assertThat(buckets).hasSameSizeAs(Terraform.ENVIRONMENTS);
    assertThat(substitutions.get("_ARTIFACTS_BUCKET"))
        .isEqualTo("${PROJECT_ID}-storewire-artifacts");
    assertThat(substitutions(APPLY_CLOUDBUILD).get("_ARTIFACTS_BUCKET"))
        .isEqualTo(substitutions.get("_ARTIFACTS_BUCKET"));
  }

  /**
   * The approval gate shows a saved plan and applies exactly it: the plan step saves the plan with
   * its rendering where the approver opens it, and prints the rendering; staging and prod are only
   * applied by build/apply.cloudbuild.yaml, whose triggers require approval, from the plan of the
   * build the approver names; dev's own build applies the plan it just saved. SavedPlanTest runs
   * both scripts.
   */
  @Test
  void approvalShowsTheSavedPlanAndAppliesExactlyIt() throws IOException {
    String planScript = Files.readString(REPO.resolve("build/terraform-plan"));
    assertThat(planScript)
        .contains(
            "terraform plan -input=false -var=\"image_tag=$COMMIT_SHA\" -out=\"$out/$env.tfplan\"")
        .contains("terraform show -no-color \"$out/$env.tfplan\" > \"$out/$env.txt\"")
        .contains("cat \"$out/$env.txt\"")
        .contains("saved=gs://$ARTIFACTS_BUCKET/plans/$COMMIT_SHA/$BUILD_ID");

    Map<String, Object> devApply = step(CLOUDBUILD, "apply");
    assertThat(script(devApply))
        .contains("if [ \"${_ENV}\" != \"dev\" ]")
        .contains("build/terraform-apply ${_ENV}");
    assertThat(env(devApply)).containsEntry("PLAN_BUILD", "${BUILD_ID}");
    assertThat(steps().stream().map(s -> s.get("id")).toList()).endsWith("plan", "apply");

    List<Map<String, Object>> applySteps = steps(APPLY_CLOUDBUILD);
    assertThat(applySteps).hasSize(1);
    assertThat(args(applySteps.get(0))).containsExactly("build/terraform-apply", "${_ENV}");
    assertThat(env(applySteps.get(0)))
        .containsEntry("PLAN_BUILD", "${_PLAN_BUILD}")
        .containsEntry("COMMIT_SHA", "${COMMIT_SHA}");
    String applyScript = Files.readString(REPO.resolve("build/terraform-apply"));
    assertThat(applyScript)
        .contains("terraform apply -input=false \"$work/$env.tfplan\"")
        .doesNotContain("terraform plan");

    // The triggers that apply staging and prod run that config and wait for an approver.
    String deploy = Files.readString(REPO.resolve("docs/deploy.md"));
    for (String env : List.of("staging", "prod")) {
      Matcher trigger =
          Pattern.compile(
                  "gcloud builds triggers create manual --name=storewire-"
                      + env
                      + "-apply[^`]*?(?=\\n\\n|```)",
                  Pattern.DOTALL)
              .matcher(deploy);
      assertThat(trigger.find()).as("docs/deploy.md creates storewire-%s-apply", env).isTrue();
      assertThat(trigger.group())
          .contains("--build-config=" + APPLY_CLOUDBUILD)
          .contains("--require-approval")
          .contains("_ENV=" + env);
    }
  }

  private static Set<String> rootModules() throws Exception {
    Document pom = xml(REPO.resolve("pom.xml"));
    NodeList modules = pom.getElementsByTagName("module");
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < modules.getLength(); i++) {
      out.add(modules.item(i).getTextContent().trim());
    }
    return out;
  }

  private static String jibImage(String module) throws Exception {
    Document pom = xml(REPO.resolve(module).resolve("pom.xml"));
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
        Element to = (Element) plugin.getElementsByTagName("to").item(0);
        assertThat(text((Element) plugin.getElementsByTagName("from").item(0), "image"))
            .isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
        return text(to, "image");
      }
    }
    throw new AssertionError(module + "/pom.xml has no jib-maven-plugin configuration");
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }
}
