package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aHashMatchesItsPasswordOnlyAndSurvivesItsTextForm() {
    PasswordHash hash = PasswordHash.create("correct horse".toCharArray());

    PasswordHash parsed = PasswordHash.parse(hash.encoded()).orElseThrow();

    assertThat(hash.encoded()).startsWith("pbkdf2-sha256$310000$").doesNotContain("correct");
    assertThat(parsed).isEqualTo(hash);
    assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
    assertThat(parsed.matches("correct horsE".toCharArray())).isFalse();
    assertThat(parsed.toString()).doesNotContain(hash.encoded());
  }

  @Test
  void twoHashesOfOnePasswordDifferBySalt() {
    assertThat(PasswordHash.create("pw-123456".toCharArray()).encoded())
        .isNotEqualTo(PasswordHash.create("pw-123456".toCharArray()).encoded());
  }

  @Test
  void whatIsNotAHashIsRefused() {
    assertThat(PasswordHash.parse("hunter2")).isEmpty();
    assertThat(PasswordHash.parse("bcrypt$10$abc$def")).isEmpty();
    assertThat(PasswordHash.parse("pbkdf2-sha256$x$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isEmpty();
    assertThat(PasswordHash.parse("pbkdf2-sha256$1000$!!$aGFzaA")).isEmpty();
  }
}
