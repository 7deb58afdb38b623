package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.config.PasswordHash;
import io.camerabridge.support.ExitCodes;
import io.camerabridge.testing.CliRun;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a terminal (as here) the verb reads the password from standard input. */
class ConsolePasswordCommandTest {

  @Test
  void printsAHashOfThePasswordReadAndNeverThePassword() {
    CliRun run = withInput("line-operator-42\n", "console-password");

    assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
    String hash = run.out().strip();
    assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("line-operator-42");
    assertThat(PasswordHash.parse(hash).orElseThrow().matches("line-operator-42".toCharArray()))
        .isTrue();
  }

  @Test
  void aShortOrMissingPasswordIsRefused() {
    assertThat(withInput("short\n", "console-password").status()).isEqualTo(ExitCodes.USAGE);
    assertThat(withInput("", "console-password").status()).isEqualTo(ExitCodes.USAGE);
  }

  private static CliRun withInput(String stdin, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(before);
    }
  }
}
