package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.support.ExitCodes;
import io.camerabridge.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void versionPrintsTheProjectVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("camera-bridge " + VersionProvider.version());
    assertThat(VersionProvider.version()).doesNotContain("${").isNotEqualTo("unknown");
  }

  @Test
  void helpListsEverySubcommandWithADescription() {
    CliRun run = CliRun.of("--help");

    assertThat(run.status()).isZero();
    CommandLine cli = Main.newCommandLine();
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              String[] description = sub.getCommandSpec().usageMessage().description();
              assertThat(description).as("description of '%s'", name).isNotEmpty();
              assertThat(run.out()).contains(name);
            });
  }

  @Test
  void everySubcommandHelpShowsAnExample() {
    Main.newCommandLine()
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              StringWriter out = new StringWriter();
              sub.setOut(new PrintWriter(out));
              sub.usage(new PrintWriter(out));
              assertThat(out.toString()).as("'%s --help'", name).containsIgnoringCase("example");
            });
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing command");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("frobnicate");
  }
}
