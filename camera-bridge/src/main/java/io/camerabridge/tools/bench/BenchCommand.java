package io.camerabridge.tools.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code camera-bridge bench}: groups the benchmark commands; see docs/benchmarks.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks with same-process baselines; the method and the latest figures are in",
      "docs/benchmarks.md."
    },
    footer = {
      "",
      "Example: camera-bridge bench client --baseline socket,jdk",
      "         camera-bridge bench e2e --fps 50 --packet-size 8000 --compare-arv",
      "         camera-bridge bench plc --duration 60s --handshake queue --ack-after 5ms"
    },
    subcommands = {ClientBenchCommand.class, E2eBenchCommand.class, PlcBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: choose 'bench client', 'bench e2e' or 'bench plc'.");
  }
}
