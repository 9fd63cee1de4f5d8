package com.storewire.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorefrontKeysTest {

  private static final String OLD = "a1b2c3d4e5f6a7b8c9d0";
  private static final String NEW = "f0e9d8c7b6a5f4e3d2c1";

  @Test
  void duringARotationBothKeysAreAcceptedAndNothingElse() {
    StorefrontKeys keys = StorefrontKeys.parse(" " + OLD + " ,, " + NEW + ",");

    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.accepts(OLD)).isTrue();
    assertThat(keys.accepts(NEW)).isTrue();
    assertThat(keys.accepts(" " + NEW)).as("blanks around it, as a header may carry").isTrue();
    assertThat(keys.accepts(null)).isFalse();
    assertThat(keys.accepts("")).isFalse();
    assertThat(keys.accepts(OLD.substring(0, 19))).isFalse();
    assertThat(keys.accepts(OLD + NEW)).isFalse();
    assertThat(keys.accepts(OLD + "," + NEW)).isFalse();
    assertThat(keys.accepts(OLD.toUpperCase())).isFalse();
  }

  @Test
  void noKeyOrAShortOneIsRefused() {
    assertThatThrownBy(() -> StorefrontKeys.parse(null)).hasMessage("no key given");
    assertThatThrownBy(() -> StorefrontKeys.parse(" , ")).hasMessage("no key given");
    assertThatThrownBy(() -> StorefrontKeys.parse(OLD + ",0123456789abcde"))
        .hasMessage("key 2 is shorter than 16 characters");
  }
}
