package io.camerabridge.tools.bench;

import io.camerabridge.config.OutputType;
import io.camerabridge.support.DurationConverter;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camera-bridge bench e2e}: fake GigE camera → the real pipeline → the simulator. */
@Command(
    name = "e2e",
    mixinStandardHelpOptions = true,
    description = {
      "End to end: fake GigE camera -> the service's pipeline -> simulator.",
      "Streams a fake GigE camera (arv-fake-gv-camera-0.8 on a private loopback address) through",
      "the service's camera pipeline to the in-process PEKAT simulator and reports achieved fps,",
      "frames lost on the camera side and on the bridge side, latency percentiles and CPU per",
      "frame. --compare-arv also runs arv-camera-test-0.8 with the same camera settings."
    },
    footer = {
      "",
      "Example: camera-bridge bench e2e --width 1920 --height 1200 --format BayerRG8 --fps 50"
          + " --packet-size 8000 --compare-arv",
      "Needs net.core.rmem_max >= 16 MiB (scripts/install-deps.sh) and Debian's aravis-tools."
    })
public final class E2eBenchCommand implements Callable<Integer> {

  /** Fake cameras one sweep step may start: each is a process with its own loopback address. */
  private static final int MAX_CAMERAS = 16;

  @Spec private CommandSpec spec;

  @Option(names = "--width", defaultValue = "1920", description = "Image width (${DEFAULT-VALUE})")
  private int width;

  @Option(
      names = "--height",
      defaultValue = "1200",
      description = "Image height (${DEFAULT-VALUE})")
  private int height;

  @Option(
      names = "--format",
      defaultValue = "BayerRG8",
      description = "Mono8 or BayerRG8 (${DEFAULT-VALUE})")
  private BenchPixelFormat format;

  @Option(
      names = "--fps",
      defaultValue = "30",
      description = "Camera frame rate (${DEFAULT-VALUE})")
  private double fps;

  @Option(
      names = "--packet-size",
      defaultValue = "1400",
      description = "GVSP packet size in bytes, 1400 standard, 8000 jumbo (${DEFAULT-VALUE})")
  private int packetBytes;

  @Option(
      names = "--duration",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Measured time (${DEFAULT-VALUE})")
  private Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description =
          "Unmeasured time after the first result (${DEFAULT-VALUE}); at camera rates the JIT"
              + " compiles the frame path for minutes, so measure tail latencies (--outputs) after"
              + " several minutes, e.g. --warmup 600s: the report says how much it compiled")
  private Duration warmup;

  @Option(
      names = "--buffers",
      defaultValue = "16",
      description = "Stream buffers (${DEFAULT-VALUE})")
  private int buffers;

  @Option(
      names = "--socket-buffer",
      description =
          "Aravis receive socket buffer (gige.socketBuffer): auto (one frame, as arv-camera-test's"
              + " --auto) or a size; default: the service's default (16MiB)")
  private String socketBuffer;

  @Option(
      names = "--in-flight",
      defaultValue = "1",
      description = "Requests in flight (${DEFAULT-VALUE}, as PEKAT's own clients)")
  private int inFlight;

  @Option(
      names = "--busy-wait",
      converter = DurationConverter.class,
      description =
          "How long a frame may wait for a free analyzer slot (pekat.busyWait); default: the"
              + " service's, half the frame period")
  private Duration busyWait;

  @Option(
      names = "--rounds",
      defaultValue = "1",
      description = "Measured windows, each with a fresh camera and pipeline (${DEFAULT-VALUE})")
  private int rounds;

  @Option(
      names = "--compare-arv",
      description = "Also run arv-camera-test-0.8 with the same settings and print the ratio")
  private boolean compareArv;

  @Option(
      names = "--console",
      description =
          "Serve the web console during the run, with one page watching it (event stream and"
              + " previews), to measure what an open console costs")
  private boolean console;

  @Option(
      names = "--outputs",
      arity = "0..1",
      paramLabel = "TYPE[,TYPE...]",
      fallbackValue = "line,mqtt,webhook",
      description =
          "Also fire outputs for every part, every third part NG: line (the fake camera's"
              + " UserOutput1), mqtt (a mosquitto started on a free port, QoS 1), webhook (an"
              + " in-process receiver); all three when none is named. Reports buffer filled ->"
              + " output written and what each output adds to the verdict, counts every part each"
              + " receiver got, and exits non-zero when one was lost, duplicated or reordered."
              + " Each output is a thread woken at the verdict, as are the receivers here: on a"
              + " small machine name only the outputs you measure (--outputs line,mqtt)")
  private String outputs;

  @Option(
      names = "--baselines",
      description =
          "With --outputs line and/or mqtt: at the same moments, a bare GVCP read of the same"
              + " camera and a bare Paho client's QoS 1 publish to the same broker, each on a"
              + " thread of its own, reported next to the output. They compete with the outputs"
              + " for the CPUs, so measure the outputs' own tail in a run without them")
  private boolean baselines;

  @Option(
      names = "--cameras",
      split = ",",
      paramLabel = "N[,N...]",
      description =
          "Scale sweep: for each N, N fake cameras (each on its own loopback address) through N"
              + " pipelines at once, one simulator each; reports per camera and total analysed"
              + " fps, losses, latency and CPU per frame, e.g. --cameras 1,2,4. With"
              + " --compare-arv, N arv-camera-test-0.8 processes receive the same streams and the"
              + " report gives bridge CPU per frame / Aravis-alone CPU per frame")
  private List<Integer> cameras;

  @Option(
      names = "--chart",
      paramLabel = "FILE.png",
      description =
          "With --cameras: also draw CPU per frame and p50/p99 latency against the number of"
              + " cameras as a PNG")
  private Path chart;

  @Option(
      names = "--analyzers",
      paramLabel = "K",
      description =
          "Several PEKAT instances: K in-process simulators, each answering one request at a time"
              + " after --analysis-latency, behind the camera's pekat.urls; reports analysed"
              + " frames/s per instance and in total against 0.95 x min(K x 1/latency, fps)")
  private Integer analyzers;

  @Option(
      names = "--analysis-latency",
      defaultValue = "40ms",
      converter = DurationConverter.class,
      description = "With --analyzers: each simulator's time per frame (${DEFAULT-VALUE})")
  private Duration analysisLatency;

  @Option(
      names = "--kill-analyzer-after",
      converter = DurationConverter.class,
      description =
          "With --analyzers 2 or more: measure this long, kill the last instance, restart it on"
              + " its port after --restart-after; reports the frames lost to it, the survivors'"
              + " rate meanwhile and the time from its /ping answering to its re-admission")
  private Duration killAfter;

  @Option(
      names = "--restart-after",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "With --kill-analyzer-after: how long the instance stays dead (${DEFAULT-VALUE})")
  private Duration restartAfter;

  @Option(names = "--json", description = "Print one JSON object instead of the text report")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    E2eSettings settings;
    try {
      settings =
          new E2eSettings(
              width,
              height,
              format,
              fps,
              packetBytes,
              duration,
              warmup,
              buffers,
              socketBuffer,
              inFlight,
              busyWait,
              rounds,
              compareArv,
              outputTypes(),
              baselines);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    checkSweepOptions();
    BenchLogging.warningsOnly();
    if (cameras != null) {
      return sweep(settings);
    }
    if (analyzers != null) {
      return pool(settings);
    }
    E2eResult result = measure(() -> new E2eBenchmark(System.err, console).run(settings));
    if (result == null) {
      return ExitCodes.FAILURE;
    }
    print(json ? E2eReport.json(result).toString() : E2eReport.text(result));
    if (!result.outputsExact()) {
      spec.commandLine()
          .getErr()
          .println("bench e2e: an output lost, duplicated or reordered parts (see the report)");
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  /** The types {@code --outputs} names, as the config file spells them; empty without it. */
  private Set<OutputType> outputTypes() {
    Set<OutputType> types = EnumSet.noneOf(OutputType.class);
    if (outputs == null) {
      return types;
    }
    for (String name : outputs.split(",", -1)) {
      OutputType type =
          Arrays.stream(OutputType.values())
              .filter(t -> t.configName().equals(name.strip()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--outputs: '"
                              + name
                              + "' is not an output type; use line, mqtt, webhook (comma"
                              + " separated), or none of them for all three"));
      types.add(type);
    }
    return types;
  }

  /** One benchmark run; may throw {@link BenchException} for what the user can fix. */
  @FunctionalInterface
  private interface Run<R> {
    R run() throws Exception;
  }

  /**
   * Runs it; null when it refused (a setting the service refuses, a missing tool), after saying
   * which and how to fix it.
   */
  private <R> R measure(Run<R> run) throws Exception {
    try {
      return run.run();
    } catch (BenchException e) {
      spec.commandLine().getErr().println("bench e2e: " + e.getMessage());
      return null;
    }
  }

  /** The report: text as it is, one JSON object per line. */
  private void print(String report) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report + System.lineSeparator() : report);
    out.flush();
  }

  private void checkSweepOptions() {
    if (cameras == null && chart != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--chart draws a --cameras sweep: add --cameras 1,2,4");
    }
    if (analyzers != null) {
      String with =
          cameras != null
              ? "--cameras"
              : outputs != null ? "--outputs" : console ? "--console" : null;
      if (with != null || compareArv || rounds > 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--analyzers runs one camera without "
                + (with != null ? with : compareArv ? "--compare-arv" : "--rounds")
                + "; leave one of them out");
      }
    } else if (killAfter != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--kill-analyzer-after needs --analyzers 2 or more");
    }
    if (cameras == null) {
      return;
    }
    String refused =
        outputs != null ? "--outputs" : console ? "--console" : rounds > 1 ? "--rounds" : null;
    if (refused != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--cameras runs without " + refused + "; leave one of them out");
    }
    for (int n : cameras) {
      if (n < 1 || n > MAX_CAMERAS) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--cameras: each count must be 1.." + MAX_CAMERAS + ", got " + n);
      }
    }
  }

  private int pool(E2eSettings settings) throws Exception {
    PoolSettings pool;
    try {
      pool =
          new PoolSettings(
              analyzers, analysisLatency, java.util.Optional.ofNullable(killAfter), restartAfter);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PoolResult result = measure(() -> new PoolBenchmark(System.err).run(settings, pool));
    if (result == null) {
      return ExitCodes.FAILURE;
    }
    print(json ? PoolReport.json(result).toString() : PoolReport.text(result));
    return ExitCodes.OK;
  }

  private int sweep(E2eSettings settings) throws Exception {
    ScaleResult result = measure(() -> new ScaleBenchmark(System.err).run(settings, cameras));
    if (result == null) {
      return ExitCodes.FAILURE;
    }
    print(json ? ScaleReport.json(result).toString() : ScaleReport.text(result));
    if (chart != null) {
      ScaleReport.chart(result, chart);
      spec.commandLine().getErr().println("chart written to " + chart.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
