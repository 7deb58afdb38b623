package io.camerabridge.cli;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code camera-bridge check-config FILE}: validates a configuration and starts nothing. Exit 0
 * when valid, 2 with every problem on stderr otherwise, so it fits systemd's {@code ExecStartPre=}.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a configuration file and starts nothing: syntax, unknown or misspelt keys, types,",
      "ranges, URLs, pixel formats, duplicate camera ids and unset ${VARIABLES}. Every problem",
      "is printed at once as FILE:LINE:COLUMN: path.to.key: what is wrong and how to fix it.",
      ""
    },
    footer = {
      "",
      "Exit status: 0 valid, 2 invalid.",
      "",
      "Example:",
      "  $ camera-bridge check-config /etc/camera-bridge/camera-bridge.yaml",
      "  OK: 2 cameras (line1-top, line1-side)",
      "",
      "  $ camera-bridge check-config bad.yaml",
      "  bad.yaml:7:5: cameras[0].pixelformat: unknown key 'pixelformat': did you mean"
          + " 'pixelFormat'?",
      "  bad.yaml:12:12: cameras[0].pekat.url: 'ftp://pekat:8000' must start with http:// or"
          + " https://: ...",
      "",
      "In a systemd unit, check before every start:",
      "  ExecStartPre=/usr/bin/camera-bridge check-config /etc/camera-bridge/camera-bridge.yaml",
      "",
      "The file format is described in docs/configuration.md."
    })
public final class CheckConfigCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
  private Path file;

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  /** The command as the CLI runs it: substitutes from the process environment. */
  public CheckConfigCommand() {
    this(System.getenv());
  }

  /** The command with an explicit environment, for tests. */
  public CheckConfigCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      BridgeConfig config = new ConfigLoader(env).load(file);
      out.println(summary(config));
      out.flush();
      return ExitCodes.OK;
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      int n = e.problems().size();
      err.println(
          n + (n == 1 ? " problem" : " problems") + " in " + file + "; nothing was started");
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  /** {@code OK: 2 cameras (a, b)}, with disabled cameras named separately. */
  static String summary(BridgeConfig config) {
    List<String> enabled = ids(config, true);
    List<String> disabled = ids(config, false);
    String cameras = enabled.size() == 1 ? " camera" : " cameras";
    return "OK: "
        + enabled.size()
        + cameras
        + (enabled.isEmpty() ? " enabled" : " (" + String.join(", ", enabled) + ")")
        + (disabled.isEmpty() ? "" : "; disabled: " + String.join(", ", disabled));
  }

  private static List<String> ids(BridgeConfig config, boolean enabled) {
    return config.cameras().stream()
        .filter(c -> c.enabled() == enabled)
        .map(CameraConfig::id)
        .toList();
  }
}
