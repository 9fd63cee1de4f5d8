package com.storewire.localstack.stack;

import com.storewire.sandbox.VendorSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The local stack's stand-in for Secret Manager: {@code local-secrets.properties}, one local value
 * for every secret the deployment description names. A process gets only the secrets its deployable
 * names; the vendor sandbox accepts the same credentials.
 */
public final class LocalSecrets {

  static final String FILE = "/local-secrets.properties";

  private final Map<String, String> values;

  private LocalSecrets(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static LocalSecrets load() {
    try (InputStream in = LocalSecrets.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException(FILE + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      Map<String, String> values = new TreeMap<>();
      properties.stringPropertyNames().forEach(n -> values.put(n, properties.getProperty(n)));
      return new LocalSecrets(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " has no local value: add it to local-stack's local-secrets.properties");
    }
    return value;
  }

  public java.util.Set<String> names() {
    return values.keySet();
  }

  /** The credentials the vendor sandbox accepts: the ones the deployables are given. */
  public VendorSandbox.Credentials sandboxCredentials() {
    return new VendorSandbox.Credentials(
        get("SHOPIFY_CLIENT_SECRET"),
        get("SHOPIFY_REFRESH_TOKEN"),
        get("SHOPIFY_RECONCILIATION_REFRESH_TOKEN"),
        get("AMAZON_CLIENT_SECRET"),
        get("AMAZON_REFRESH_TOKEN"),
        get("AMAZON_EVENTBRIDGE_API_KEY"),
        get("EBAY_CLIENT_SECRET"),
        get("EBAY_REFRESH_TOKEN"),
        get("WOOCOMMERCE_CONSUMER_SECRET"),
        get("WOOCOMMERCE_WEBHOOK_SECRET"),
        get("SHIPSTATION_API_SECRET"),
        get("KLAVIYO_API_KEY"),
        get("LOGIWA_PASSWORD"));
  }
}
