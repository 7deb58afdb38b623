package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.support.ExitCodes;
import io.camerabridge.testing.CliRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PekatSimCommandTest {

  private static PekatSimCommand parse(String... args) {
    PekatSimCommand command = new PekatSimCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void helpTeachesWithAnExampleAndListsTheFaults() {
    CliRun run = CliRun.of("pekat-sim", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("Example")
        .contains("--latency")
        .contains("--lanes")
        .contains("--processing")
        .contains("--fault")
        .contains(PekatSimCommand.API_KEY_ENV);
    for (Fault fault : Fault.values()) {
      assertThat(run.out()).contains(fault.cliName());
    }
  }

  @Test
  void optionsBuildTheSimulatorTheyDescribe() {
    try (PekatSimulator sim =
        parse(
                "--port",
                "0",
                "--latency",
                "10ms..40ms",
                "--lanes",
                "2",
                "--processing",
                "off",
                "--fault",
                "http-500",
                "--api-key",
                "k-123")
            .build()) {
      assertThat(sim.latency())
          .isEqualTo(Latency.between(Duration.ofMillis(10), Duration.ofMillis(40)));
      assertThat(sim.processing()).isEqualTo(Processing.OFF);
      assertThat(sim.fault()).isEqualTo(Fault.HTTP_500);
      assertThat(sim.describe())
          .contains("lanes 2")
          .contains("api key required")
          .doesNotContain("k-123");
    }
  }

  @Test
  void badValuesAreUsageErrorsThatSayWhatIsAccepted() {
    CliRun latency = CliRun.of("pekat-sim", "--port", "0", "--latency", "fast");
    CliRun fault = CliRun.of("pekat-sim", "--port", "0", "--fault", "explode");
    CliRun processing = CliRun.of("pekat-sim", "--port", "0", "--processing", "maybe");

    assertThat(latency.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(latency.err()).contains("--latency: 'fast' is not a duration").contains("500ms");
    assertThat(fault.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(fault.err()).contains("--fault").contains("http-500");
    assertThat(processing.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(processing.err()).contains("on, off or discard");
  }

  @Test
  void portInUseFailsWithAClearMessage() {
    try (PekatSimulator taken = PekatSimulator.builder().build().start()) {
      CliRun run = CliRun.of("pekat-sim", "--port", String.valueOf(taken.port()));

      assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.port());
    }
  }
}
