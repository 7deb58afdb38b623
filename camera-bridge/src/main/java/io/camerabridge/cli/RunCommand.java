package io.camerabridge.cli;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.ConfigException;
import io.camerabridge.config.ConfigLoader;
import io.camerabridge.service.Bridge;
import io.camerabridge.service.LoggingSetup;
import io.camerabridge.service.ShutdownSequence;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camera-bridge run}: the service itself, as systemd runs it. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the bridge: every enabled camera in the configuration streams its frames to its",
      "PEKAT project until SIGTERM, SIGINT or SIGHUP (no reload: restart to apply a changed",
      "configuration). Cameras that are missing at start, or lost later,",
      "are reopened with back-off for ever; the analyzer being down drops frames (counted) until",
      "it is back. /metrics, /health and /ready are served at metrics.listen.",
      "",
      "Exit status: 0 after a clean stop (SIGTERM/SIGINT/SIGHUP), 2 when the configuration is",
      "invalid (nothing is started), 1 when the service cannot start (e.g. the metrics port is",
      "taken)."
    },
    footer = {
      "",
      "Example:",
      "  camera-bridge run --config /etc/camera-bridge/camera-bridge.yaml",
      "",
      "Check a file without starting anything: camera-bridge check-config FILE"
    })
public final class RunCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The YAML configuration (see config/camera-bridge.yaml).")
  private Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    BridgeConfig loaded;
    try {
      loaded = new ConfigLoader(System.getenv()).load(config);
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      err.println("camera-bridge was not started; fix the configuration and try again");
      err.flush();
      return ExitCodes.USAGE;
    }
    LoggingSetup.apply(loaded.logging());
    Bridge bridge = new Bridge(loaded, SystemdNotifier.fromEnvironment());
    ShutdownSequence.stopOnExit(bridge);
    ShutdownSequence.exitZeroOnSignals();
    try {
      bridge.start();
    } catch (RuntimeException e) {
      err.println("camera-bridge cannot start: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    // The process ends through the shutdown hook (SIGTERM/SIGINT/SIGHUP → exit 0).
    new CountDownLatch(1).await();
    return ExitCodes.OK;
  }
}
