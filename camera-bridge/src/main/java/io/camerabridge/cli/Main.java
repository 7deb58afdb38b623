package io.camerabridge.cli;

import io.camerabridge.tools.bench.BenchCommand;
import io.camerabridge.tools.demo.DemoCommand;
import io.camerabridge.tools.sim.PekatSimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code camera-bridge.jar}: one picocli command with a subcommand per task. */
@Command(
    name = "camera-bridge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Streams frames from GigE Vision / USB3 Vision cameras (Aravis) to PEKAT VISION's",
      "analyze_raw_image endpoint without copying them through the Java heap.",
      ""
    },
    footer = {
      "",
      "Run 'camera-bridge <command> --help' for a command's options and an example.",
      "Documentation: docs/ in the source tree, or /usr/share/doc/camera-bridge."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      RunCommand.class,
      CheckConfigCommand.class,
      DevicesCommand.class,
      FeaturesCommand.class,
      GetCommand.class,
      SetCommand.class,
      ConsolePasswordCommand.class,
      DemoCommand.class,
      PekatSimCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }
}
