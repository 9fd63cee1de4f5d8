package com.storewire.events.validation;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The formats of the identifiers and codes every Storewire component agrees on. */
public final class Identifiers {

  /** Letters, digits and {@code . _ / -}, starting with a letter or digit, at most 64. */
  public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

  /** A sales channel: {@code storefront}, {@code shopify}, {@code amazon-us} and so on. */
  public static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private Identifiers() {}

  public static boolean isSku(String value) {
    return value != null && SKU.matcher(value).matches();
  }

  public static boolean isChannel(String value) {
    return value != null && CHANNEL.matcher(value).matches();
  }

  /** An active ISO 4217 alphabetic code, upper case as the standard writes it. */
  public static boolean isCurrency(String value) {
    if (value == null || !value.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An ISO 3166-1 alpha-2 country code. */
  public static boolean isCountry(String value) {
    return value != null && COUNTRIES.contains(value);
  }
}
