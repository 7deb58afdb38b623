package io.camerabridge.tools.sim;

import io.camerabridge.pekat.ApiKey;
import io.camerabridge.support.ExitCodes;
import io.camerabridge.tools.sim.analysis.BlobAnalyzer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camera-bridge pekat-sim}: runs the PEKAT simulator until SIGTERM, SIGINT or /stop. */
@Command(
    name = "pekat-sim",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a simulated PEKAT VISION project: its HTTP API (analyze_raw_image,",
      "analyze_image, analyze_image_shared_memory, ping, version, last_image, stop)",
      "with a deterministic analysis (bright regions are defects) and faults on",
      "demand. Serves until SIGTERM/SIGINT or GET /stop?key=KEY.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  camera-bridge pekat-sim --port 8000 --latency 10ms..40ms",
      "  curl -s --data-binary @frame.raw \\",
      "    'http://127.0.0.1:8000/analyze_raw_image?width=640&height=480'",
      "",
      "Faults (--fault): none, flow-error, http-500, bad-request-traceback,",
      "  malformed-json, truncated-body, close-before-response,",
      "  close-mid-response, hang, refuse-connections, wrong-content-length.",
      "Details: docs/pekat-simulator.md."
    })
public final class PekatSimCommand implements Callable<Integer> {
  /** Environment variable read when {@code --api-key} is not given. */
  public static final String API_KEY_ENV = "PEKAT_SIM_API_KEY";

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8000",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = {
        "Require ?api_key=KEY on analyze and last_image requests (401 otherwise).",
        "Default: the environment variable " + API_KEY_ENV + ", else no key.",
        "Prefer the variable: command lines are visible to other users."
      })
  String apiKey;

  @Option(
      names = "--stop-key",
      paramLabel = "KEY",
      description = "Allow GET /stop?key=KEY to stop the simulator (default: /stop is refused).")
  String stopKey;

  @Option(
      names = "--latency",
      defaultValue = "0",
      paramLabel = "TIME|MIN..MAX",
      description = "Processing time per image, fixed (20ms) or uniform in a range (10ms..40ms).")
  String latency;

  @Option(
      names = "--lanes",
      defaultValue = "1",
      paramLabel = "N",
      description = "Images processed at once; 1 = one after another (default: ${DEFAULT-VALUE}).")
  int lanes;

  @Option(
      names = "--processing",
      defaultValue = "on",
      paramLabel = "on|off|discard",
      description = {
        "on: analyse; off: PEKAT with Process switched off (bare context);",
        "discard: OK context without reading pixels, for benchmarks (default: ${DEFAULT-VALUE})."
      })
  String processing;

  @Option(
      names = "--checksum",
      paramLabel = "on|off",
      description = "CRC32C of every body in the request log (default: on, off with discard).")
  String checksum;

  @Option(
      names = "--fault",
      defaultValue = "none",
      paramLabel = "FAULT",
      description = "Fault injected into every analyze request (listed below).")
  String fault;

  @Option(
      names = "--threshold",
      paramLabel = "1..255",
      defaultValue = "" + BlobAnalyzer.DEFAULT_THRESHOLD,
      description =
          "Cell brightness 1..255 from which a region is a defect (default: ${DEFAULT-VALUE}).")
  int threshold;

  @Option(
      names = "--pekat-version",
      paramLabel = "VERSION",
      defaultValue = "4.0.3",
      description = "What GET /version answers (default: ${DEFAULT-VALUE}).")
  String pekatVersion;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PekatSimulator simulator;
    try {
      simulator = build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    try {
      simulator.start();
    } catch (UncheckedIOException e) {
      spec.commandLine().getErr().println("pekat-sim: " + e.getMessage());
      simulator.close();
      return ExitCodes.FAILURE;
    }
    Thread hook = new Thread(simulator::close, "pekat-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "pekat-sim listening on " + simulator.baseUri() + " (" + simulator.describe() + ")");
    out.println("Stop with Ctrl-C or SIGTERM.");
    out.flush();
    try {
      simulator.stopped().join();
    } finally {
      removeHook(hook);
    }
    return ExitCodes.OK;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }

  /** The simulator these options describe (not started). */
  PekatSimulator build() {
    String key = apiKey != null ? apiKey : System.getenv(API_KEY_ENV);
    PekatSimulator.Builder b = PekatSimulator.builder();
    option("--host", () -> b.host(host));
    option("--port", () -> b.port(port));
    option("--latency", () -> b.latency(Latency.parse(latency)));
    option("--lanes", () -> b.lanes(lanes));
    option("--processing", () -> b.processing(Processing.fromCliName(processing)));
    // Discard is the benchmark mode: it should cost the simulator as little as possible.
    option(
        "--checksum",
        () ->
            b.checksums(
                checksum != null ? onOff(checksum) : !processing.equalsIgnoreCase("discard")));
    option("--fault", () -> b.fault(Fault.fromCliName(fault)));
    option("--threshold", () -> b.brightThreshold(threshold));
    option("--pekat-version", () -> b.pekatVersion(pekatVersion));
    b.stopKey(stopKey);
    if (key != null && !key.isEmpty()) {
      option("--api-key", () -> b.apiKey(ApiKey.of(key)));
    }
    return b.build();
  }

  /** Applies one option, naming it in the error. */
  private static void option(String name, Runnable apply) {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static boolean onOff(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new IllegalArgumentException("must be on or off, got '" + value + "'");
    };
  }
}
