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

  /** The environment's setting of the same name. */
  record Setting() implements EnvValue {}

  /** A platform fact: see {@link Platform}. */
  record Platform(String key) implements EnvValue {}

  static EnvValue fixed(String value) {
    return new Fixed(value);
  }

  static EnvValue setting() {
    return new Setting();
  }

  static EnvValue platform(String key) {
    return new Platform(key);
  }
}
