package com.storewire.localstack.stack;

import com.storewire.deployment.Deployable;
import com.storewire.deployment.Deployment;
import com.storewire.deployment.EnvValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a deployable's environment on this machine the way terraform resolves it in Google
 * Cloud, from the same description: fixed values as they are, settings from the vendor sandbox,
 * platform facts from what the local stack started, secrets from {@link LocalSecrets}. A process
 * gets exactly its deployable's variables plus {@link #PLUMBING}.
 */
public final class LocalEnvironment {

  /**
   * What Cloud Run gives every container without a variable (Google's API endpoints and the
   * metadata server), pointed at the local stand-ins: the emulators and the local identity's
   * metadata server. Nothing else is added.
   */
  public static final Set<String> PLUMBING =
      Set.of(
          "PUBSUB_EMULATOR_HOST",
          "FIRESTORE_EMULATOR_HOST",
          "GCE_METADATA_HOST",
          "GCE_METADATA_IP",
          "GOOGLE_APPLICATION_CREDENTIALS",
          "CLOUDSDK_CONFIG");

  private final Map<String, String> facts = new ConcurrentHashMap<>();
  private final Map<String, String> settings;
  private final LocalSecrets secrets;
  private final Map<String, String> emulatorHosts;
  private final java.util.function.Function<String, Map<String, String>> identityEnv;
  private final String project;

  /**
   * @param settings the vendor sandbox's settings, by variable name
   * @param emulatorHosts {@code PUBSUB_EMULATOR_HOST} and {@code FIRESTORE_EMULATOR_HOST}
   * @param identityEnv a service account's email to the variables that make a process run as it
   *     (its metadata server: {@code LocalGoogle#metadataEnv})
   */
  public LocalEnvironment(
      String project,
      Map<String, String> settings,
      LocalSecrets secrets,
      Map<String, String> emulatorHosts,
      java.util.function.Function<String, Map<String, String>> identityEnv,
      String googleCertsUrl) {
    this.project = project;
    this.settings = new ConcurrentHashMap<>(settings);
    this.secrets = secrets;
    this.emulatorHosts = Map.copyOf(emulatorHosts);
    this.identityEnv = identityEnv;
    facts.put(Deployment.Platform.PROJECT_ID, project);
    facts.put(Deployment.Platform.METRICS_EXPORT, "false");
    facts.put(Deployment.Platform.GOOGLE_CERTS_URL, googleCertsUrl);
  }

  /** A service account's email, as terraform's service-accounts module names them. */
  public String email(String account) {
    return account + "@" + project + ".iam.gserviceaccount.com";
  }

  /** A setting only the running stack knows, e.g. a URL of one of its own fronts. */
  public void setting(String variable, String value) {
    settings.put(variable, value);
  }

  /** Where a deployable answers: its front's URL, known before its instances start. */
  public void answersAt(String deployable, String url) {
    facts.put(Deployment.Platform.url(deployable), url);
  }

  public String url(String deployable) {
    String url = facts.get(Deployment.Platform.url(deployable));
    if (url == null) {
      throw new IllegalStateException(deployable + " has no URL yet");
    }
    return url;
  }

  /** The whole environment of one of the deployable's processes. */
  public Map<String, String> of(Deployable deployable) {
    Map<String, String> env = new TreeMap<>();
    deployable
        .env()
        .forEach(
            (variable, value) -> {
              boolean unset =
                  value instanceof EnvValue.Setting setting
                      && setting.optional()
                      && !settings.containsKey(variable);
              if (!unset) { // terraform too leaves an optional setting out when it is not given
                env.put(variable, resolve(variable, value));
              }
            });
    deployable.secrets().forEach(secret -> env.put(secret, secrets.get(secret)));
    env.putAll(emulatorHosts);
    env.putAll(identityEnv.apply(email(deployable.identity())));
    return env;
  }

  private String resolve(String variable, EnvValue value) {
    if (value instanceof EnvValue.Fixed fixed) {
      return fixed.value();
    }
    if (value instanceof EnvValue.Platform platform) {
      String key = platform.key();
      if (key.startsWith("identity:")) {
        return email(key.substring("identity:".length()));
      }
      String fact = facts.get(key);
      if (fact == null) {
        throw new IllegalStateException(variable + " needs " + key + ", not known locally yet");
      }
      return fact;
    }
    String setting = settings.get(variable);
    if (setting == null) {
      throw new IllegalStateException(variable + " is no setting of the vendor sandbox");
    }
    return setting;
  }
}
