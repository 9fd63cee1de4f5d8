package com.storewire.localstack.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Dataflow Flex Template as the build ships it: its metadata (dataflow-transforms' {@code
 * src/main/flex-templates/<name>.json}, which {@code gcloud dataflow flex-template build} puts in
 * the template spec) and its main class ({@code main-classes.properties} beside it, which Cloud
 * Build sets as the spec's {@code FLEX_TEMPLATE_JAVA_MAIN_CLASS}).
 *
 * @param name the template's name, e.g. {@code forecast-safety-stock}
 * @param mainClass the class the launcher starts
 * @param streaming whether the metadata says the pipeline is a streaming one
 * @param parameters the parameters the metadata declares, in its order
 */
public record FlexTemplate(
    String name, String mainClass, boolean streaming, List<Parameter> parameters) {

  /** The main classes' file, beside the metadata files. */
  public static final String MAIN_CLASSES = "main-classes.properties";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One declared parameter.
   *
   * @param name what the launch gives as {@code --name=value}
   * @param optional whether a launch may leave it out
   * @param regexes patterns a given value must match, each in full
   */
  public record Parameter(String name, boolean optional, List<Pattern> regexes) {}

  public FlexTemplate {
    parameters = List.copyOf(parameters);
  }

  /** Reads template {@code name} from a directory of metadata files and their main classes. */
  public static FlexTemplate read(Path templates, String name) {
    Properties mainClasses = new Properties();
    try (Reader in = Files.newBufferedReader(templates.resolve(MAIN_CLASSES))) {
      mainClasses.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + templates.resolve(MAIN_CLASSES), e);
    }
    String mainClass = mainClasses.getProperty(name);
    if (mainClass == null) {
      throw new IllegalArgumentException(
          "no Flex Template named "
              + name
              + "; the templates are "
              + new TreeSet<>(mainClasses.stringPropertyNames()));
    }
    JsonNode metadata;
    try {
      metadata = JSON.readTree(templates.resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the metadata of " + name, e);
    }
    List<Parameter> parameters = new ArrayList<>();
    for (JsonNode parameter : metadata.path("parameters")) {
      List<Pattern> regexes = new ArrayList<>();
      parameter.path("regexes").forEach(regex -> regexes.add(Pattern.compile(regex.asText())));
      parameters.add(
          new Parameter(
              parameter.path("name").asText(),
              parameter.path("isOptional").asBoolean(false),
              regexes));
    }
    return new FlexTemplate(
        name, mainClass, metadata.path("streaming").asBoolean(false), parameters);
  }

  /**
   * What Dataflow would refuse in a launch with these parameters, each with the reason, in the
   * metadata's order: a parameter the template does not declare, a required one left out, a value
   * that does not match one of its parameter's regexes. Empty when the launch may go ahead.
   */
  public List<String> problems(Map<String, String> given) {
    List<String> problems = new ArrayList<>();
    List<String> declared = parameters.stream().map(Parameter::name).toList();
    given.keySet().stream()
        .filter(key -> !declared.contains(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    "unrecognized parameter '"
                        + key
                        + "': "
                        + name
                        + " takes "
                        + String.join(", ", declared)));
    for (Parameter parameter : parameters) {
      String value = given.get(parameter.name());
      if (value == null) {
        if (!parameter.optional()) {
          problems.add("missing required parameter '" + parameter.name() + "'");
        }
        continue;
      }
      for (Pattern regex : parameter.regexes()) {
        if (!regex.matcher(value).matches()) {
          problems.add(
              "parameter '"
                  + parameter.name()
                  + "' is '"
                  + value
                  + "', which does not match "
                  + regex.pattern());
        }
      }
    }
    return problems;
  }

  /** Refuses a launch with these parameters, saying every reason, or lets it go ahead. */
  public void validate(Map<String, String> given) {
    List<String> problems = problems(given);
    if (!problems.isEmpty()) {
      throw new InvalidTemplateParametersException(name, problems);
    }
  }
}
