package com.storewire.deployment;

/**
 * Where a plain environment variable's value comes from. Terraform and the local stack each resolve
 * the same three kinds: a value fixed for every environment; a per-environment setting of the
 * operator's (a vendor's base URL or client id: {@code connector_settings} in terraform.tfvars, the
 * vendor sandbox locally); or a fact of the platform itself (the project id, another deployable's
 * URL, a service account's email), which terraform computes and the local stack knows from what it
 * started.
 */
public sealed interface EnvValue {

  /** The same value everywhere, local stack included. */
  record Fixed(String value) implements EnvValue {}

  /**
   * The environment's setting of the same name. A required one must be given (terraform refuses a
   * plan without it); an optional one is left out of the environment when it is not given, and the
   * deployable then does without it (Shopify's location: the store's own online location).
   */
  record Setting(boolean optional) implements EnvValue {}

  /** A platform fact: see {@link Platform}. */
  record Platform(String key) implements EnvValue {}

  static EnvValue fixed(String value) {
    return new Fixed(value);
  }

  static EnvValue setting() {
    return new Setting(false);
  }

  static EnvValue optionalSetting() {
    return new Setting(true);
  }

  static EnvValue platform(String key) {
    return new Platform(key);
  }
}
