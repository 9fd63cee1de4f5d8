package com.storewire.deployment;

import com.storewire.catalog.Component;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One deployed unit of Storewire, as both terraform and the local stack run it: what starts it,
 * what reaches it, what it reads from its environment and Secret Manager, how many requests each
 * instance takes and how many instances there may be, and who may call it.
 *
 * @param name the Cloud Run service, function, job or Dataflow job name (terraform prefixes the
 *     environment where a project holds several of a kind)
 * @param kind how Google Cloud runs it
 * @param component the Maven module that builds it
 * @param entryPoint the Functions Framework target, the image, or the Flex Template name
 * @param identity the service account (by account id) it runs as
 * @param pushes catalog subscription name to the path on this deployable it pushes to (empty for
 *     pull consumers and for deployables nothing pushes to)
 * @param env every plain environment variable it reads and where its value comes from
 * @param secrets every environment variable it reads from Secret Manager
 * @param scaling requests per instance and instance bounds
 * @param access who may call it over HTTP
 */
public record Deployable(
    String name,
    Kind kind,
    Component component,
    String entryPoint,
    String identity,
    Map<String, String> pushes,
    Map<String, EnvValue> env,
    List<String> secrets,
    Scaling scaling,
    Access access) {

  public enum Kind {
    /** A Cloud Run service. */
    SERVICE,
    /** A Cloud Functions (gen2) HTTP function: a Cloud Run service built from the archive. */
    FUNCTION,
    /** A Cloud Run job, started on a schedule. */
    JOB,
    /** A Dataflow Flex Template job. */
    PIPELINE
  }

  /**
   * Requests one instance serves at once (Cloud Run's container concurrency; tasks for a job) and
   * its instance bounds.
   */
  public record Scaling(int concurrency, int minInstances, int maxInstances) {
    public Scaling {
      if (concurrency < 1 || minInstances < 0 || maxInstances < Math.max(1, minInstances)) {
        throw new IllegalArgumentException(
            "bad scaling " + concurrency + "/" + minInstances + "/" + maxInstances);
      }
    }
  }

  /**
   * Who may invoke it. A public deployable (Cloud Run's {@code allUsers}) authenticates its callers
   * itself (HMAC, API keys) and serves only the routes that must be public; every other deployable
   * admits only Google identities among {@code invokers} (account ids, or {@link #OPERATORS}).
   */
  public record Access(boolean isPublic, List<String> invokers) {
    /** The people who operate Storewire: a group per environment in terraform. */
    public static final String OPERATORS = "operators";

    public static Access publicRoutes() {
      return new Access(true, List.of());
    }

    public static Access only(String... invokers) {
      return new Access(false, List.of(invokers));
    }
  }

  public Deployable {
    pushes = Map.copyOf(pushes);
    env = Map.copyOf(env);
    secrets = List.copyOf(secrets);
  }

  /** Every environment variable it reads, plain and secret. */
  public Set<String> variables() {
    Set<String> all = new TreeSet<>(env.keySet());
    all.addAll(secrets);
    return all;
  }

  /** Subscriptions that push to it. */
  public Set<String> triggers() {
    return new TreeSet<>(pushes.keySet());
  }
}
