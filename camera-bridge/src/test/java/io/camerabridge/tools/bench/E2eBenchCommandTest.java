package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.config.OutputType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench e2e}'s refusals of option combinations, which come before anything starts. */
class E2eBenchCommandTest {

  @Test
  void anUnknownOutputTypeIsRefusedWithTheTypesThereAre() {
    Refusal r = run("--outputs", "line,banana");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("'banana' is not an output type; use line, mqtt, webhook");
  }

  @Test
  void baselinesNeedTheLineOrMqttOutputTheyStandNextTo() {
    for (List<String> args :
        List.of(List.of("--baselines"), List.of("--outputs", "webhook", "--baselines"))) {
      Refusal r = run(args.toArray(String[]::new));
      assertThat(r.status).as(args.toString()).isEqualTo(2);
      assertThat(r.err).contains("--baselines stand next to the line and mqtt outputs");
    }
  }

  @Test
  void namedOutputsStillRefuseACameraSweep() {
    Refusal r = run("--outputs", "line,mqtt", "--cameras", "1");
    assertThat(r.status).isEqualTo(2);
    assertThat(r.err).contains("--cameras runs without --outputs");
  }

  @Test
  void theSettingsKeepTheOutputsInTheirTypeOrder() {
    E2eSettings s = settings(List.of(OutputType.WEBHOOK, OutputType.LINE));
    assertThat(s.outputs()).containsExactly(OutputType.LINE, OutputType.WEBHOOK);
    assertThat(settings(List.of()).outputs()).isEmpty();
  }

  private static E2eSettings settings(List<OutputType> outputs) {
    return new E2eSettings(
        640,
        480,
        BenchPixelFormat.Mono8,
        30,
        1400,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        16,
        null,
        1,
        null,
        1,
        false,
        outputs.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(outputs),
        false);
  }

  private record Refusal(int status, String err) {}

  private static Refusal run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new E2eBenchCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    int status = cli.execute(args);
    return new Refusal(status, err.toString());
  }
}
