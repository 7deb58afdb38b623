package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Run run = run("--version");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("camera-bridge " + VersionProvider.version());
    assertThat(VersionProvider.version()).doesNotContain("${").isNotEqualTo("unknown");
  }

  @Test
  void helpListsEverySubcommandWithADescription() {
    Run run = run("--help");

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
    Run run = run();

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Missing command");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Run run = run("frobnicate");

    assertThat(run.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("frobnicate");
  }
}
