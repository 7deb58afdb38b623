package io.camerabridge.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The container image, built from {@code docker/Dockerfile} and run for real.
 *
 * <p>Skipped where no container engine answers; CI provides one ({@code
 * scripts/container-engine.sh}) and checks that this test ran ({@code
 * scripts/check-container-test-ran.sh}).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

  private static final Duration ONE_SHOT_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void theImageRunsTheCliAsTheNonRootUser() {
    try (GenericContainer<?> cli =
        new GenericContainer<>(CameraBridgeImage.get())
            .withCreateContainerCmdModifier(
                cmd -> cmd.withEntrypoint("sh", "-c", "id -un && id -u && camera-bridge --version"))
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(ONE_SHOT_TIMEOUT))) {
      cli.start();

      String[] lines = cli.getLogs().strip().split("\n");
      assertThat(lines[0]).isEqualTo("camera-bridge");
      assertThat(Integer.parseInt(lines[1].strip())).isNotZero();
      assertThat(lines[2]).startsWith("camera-bridge ");
      assertThat(String.join("\n", lines)).contains("Java 17");
    }
  }
}
