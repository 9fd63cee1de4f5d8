package com.storewire.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The deployment description as JSON, the form terraform reads ({@code jsondecode}). Every
 * environment variable has the same shape, {@code {"source":
 * "value"|"setting"|"optional_setting"|"platform", "value": …}}, so terraform picks its value
 * without optional attributes: the fixed value, the setting's name, or the platform fact's key. An
 * {@code optional_setting} is one terraform leaves out when {@code connector_settings} lacks it.
 */
public final class DeploymentJson {

  public static final String FILE = "storewire-deployment.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DeploymentJson() {}

  public static String render(Deployment deployment) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode deployables = root.putObject("deployables");
    for (Deployable d : deployment.deployables()) {
      ObjectNode node = deployables.putObject(d.name());
      node.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
      node.put("component", d.component().moduleName());
      node.put("entry_point", d.entryPoint());
      node.put("identity", d.identity());
      ObjectNode pushes = node.putObject("pushes");
      d.pushes().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(p -> pushes.put(p.getKey(), p.getValue()));
      ObjectNode env = node.putObject("env");
      d.env().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> render(env.putObject(e.getKey()), e.getKey(), e.getValue()));
      ObjectNode secrets = node.putObject("secrets");
      d.secrets().stream().sorted().forEach(s -> secrets.put(s, Deployment.secretId(s)));
      ObjectNode scaling = node.putObject("scaling");
      scaling.put("concurrency", d.scaling().concurrency());
      scaling.put("min_instances", d.scaling().minInstances());
      scaling.put("max_instances", d.scaling().maxInstances());
      ObjectNode access = node.putObject("access");
      access.put("public", d.access().isPublic());
      d.access().invokers().forEach(access.putArray("invokers")::add);
      if (d.access().invokers().isEmpty()) {
        access.putArray("invokers");
      }
    }
    ObjectNode secrets = root.putObject("secrets");
    deployment
        .secretReaders()
        .forEach(
            (variable, readers) -> {
              ObjectNode node = secrets.putObject(variable);
              node.put("id", Deployment.secretId(variable));
              readers.forEach(node.putArray("readers")::add);
            });
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void render(ObjectNode node, String variable, EnvValue value) {
    if (value instanceof EnvValue.Fixed fixed) {
      node.put("source", "value");
      node.put("value", fixed.value());
    } else if (value instanceof EnvValue.Platform platform) {
      node.put("source", "platform");
      node.put("value", platform.key());
    } else if (value instanceof EnvValue.Setting setting) {
      node.put("source", setting.optional() ? "optional_setting" : "setting");
      node.put("value", variable);
    }
  }
}
