package com.storewire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parameters terraform launches each Dataflow Flex Template with are options its pipeline
 * declares (the template's metadata, itself checked against the options interface), and every
 * parameter the template requires is given: a launch with an unknown or missing option fails on
 * Dataflow, long after `terraform apply` said it succeeded.
 */
class DataflowJobParametersTest {

  private static final Path JOBS = Terraform.ROOT.resolve("modules/platform/pipelines.tf");
  private static final Path TEMPLATES =
      Terraform.REPO.resolve("dataflow-transforms/src/main/flex-templates");

  @Test
  void everyJobIsLaunchedWithItsTemplatesParametersOnly() throws Exception {
    Map<String, Set<String>> jobs = launchedParameters();
    assertThat(jobs).as("Dataflow jobs in %s", JOBS).isNotEmpty();
    for (Map.Entry<String, Set<String>> job : jobs.entrySet()) {
      JsonNode template =
          new ObjectMapper().readTree(TEMPLATES.resolve(job.getKey() + ".json").toFile());
      Set<String> declared = new TreeSet<>();
      Set<String> required = new TreeSet<>();
      template
          .path("parameters")
          .forEach(
              p -> {
                declared.add(p.path("name").asText());
                if (!p.path("isOptional").asBoolean(false)) {
                  required.add(p.path("name").asText());
                }
              });
      assertThat(job.getValue()).as("parameters of %s", job.getKey()).isSubsetOf(declared);
      assertThat(job.getValue()).as("parameters of %s", job.getKey()).containsAll(required);
    }
  }

  /** Each job in the `dataflow_jobs` local with the names of the parameters it is given. */
  private static Map<String, Set<String>> launchedParameters() throws Exception {
    String hcl = Files.readString(JOBS);
    String jobs = hcl.substring(hcl.indexOf("dataflow_jobs = {"));
    Matcher job = Pattern.compile("(?m)^    ([a-z-]+) = \\{").matcher(jobs);
    Map<String, Set<String>> parameters = new LinkedHashMap<>();
    while (job.find()) {
      int open = jobs.indexOf("parameters = {", job.end());
      String block = jobs.substring(open, jobs.indexOf("\n      }", open));
      Set<String> names = new TreeSet<>();
      Matcher name = Pattern.compile("(?m)^\\s+([A-Za-z]+)\\s+=").matcher(block);
      while (name.find()) {
        names.add(name.group(1));
      }
      parameters.put(job.group(1), names);
    }
    return parameters;
  }
}
