package io.camerabridge.tools.bench;

import io.camerabridge.pekat.EndpointRules;
import io.camerabridge.support.DurationConverter;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camera-bridge bench client}: the zero-copy client against same-process baselines. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
      "Client path: the zero-copy client against same-process baselines.",
      "Sends synthetic frames held in native memory to analyze_raw_image as fast as the server",
      "allows, over the bridge's client and optionally over baselines in the same process",
      "(alternating rounds), and reports frames/s, MB/s, latency, CPU and heap bytes per frame."
    },
    footer = {
      "",
      "Example: camera-bridge bench client --width 1920 --height 1200 --format Mono8"
          + " --baseline socket,jdk",
      "Without --url the frames go to an in-process discard analyzer (the simulator with"
          + " analysis off)."
    })
public final class ClientBenchCommand implements Callable<Integer> {

  private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)(?::(\\w+))?");

  @Spec private CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Base URL of the analyzer, e.g. http://10.0.0.5:8000 (default: in-process)")
  private String url;

  @Option(names = "--width", defaultValue = "1920", description = "Frame width (${DEFAULT-VALUE})")
  private int width;

  @Option(
      names = "--height",
      defaultValue = "1200",
      description = "Frame height (${DEFAULT-VALUE})")
  private int height;

  @Option(
      names = "--format",
      defaultValue = "Mono8",
      description = "Pixel format: ${COMPLETION-CANDIDATES} (${DEFAULT-VALUE})")
  private BenchPixelFormat format;

  @Option(
      names = "--frames",
      defaultValue = "2000",
      description = "Frames per measured run (${DEFAULT-VALUE})")
  private long frames;

  @Option(
      names = "--duration",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Time limit per measured run (${DEFAULT-VALUE})")
  private Duration duration;

  @Option(
      names = "--in-flight",
      defaultValue = "1",
      description = "Requests in flight at once, one connection each (${DEFAULT-VALUE})")
  private int inFlight;

  @Option(
      names = "--baseline",
      split = ",",
      paramLabel = "socket|jdk",
      description =
          "Also run these baselines, alternating with the bridge: ${COMPLETION-CANDIDATES}")
  private List<Baseline> baselines = new ArrayList<>();

  @Option(
      names = "--rounds",
      description = "Measured runs per target (default: 3 with a baseline, else 1)")
  private Integer rounds;

  @Option(
      names = "--warmup",
      defaultValue = "500",
      description = "Unmeasured warm-up frames per target (${DEFAULT-VALUE})")
  private long warmupFrames;

  @Option(
      names = "--pool-frames",
      description = "Native frames in the pool (default: in-flight + 3)")
  private Integer poolFrames;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "WxH[:FORMAT]",
      description = {
        "Run one benchmark per frame size instead of --width/--height (FORMAT defaults to",
        "--format), then print a Markdown summary; e.g. 640x480,1920x1200,2448x2048:BayerRG8"
      })
  private List<String> sizes = new ArrayList<>();

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "Write a PNG chart of throughput and latency against frame size")
  private Path chart;

  @Option(
      names = "--json",
      description = "Print one JSON object per frame size (one per line) instead of the table")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    List<ClientBenchmark.Settings> runs = new ArrayList<>();
    for (FrameShape shape : shapes()) {
      runs.add(settings(shape));
    }
    BenchLogging.warningsOnly();
    PrintWriter out = spec.commandLine().getOut();
    List<ClientBenchmark.Result> results = new ArrayList<>();
    try (Analyzer analyzer = openAnalyzer()) {
      ClientBenchmark benchmark = new ClientBenchmark(ClientBenchCommand::createTarget, System.err);
      for (ClientBenchmark.Settings settings : runs) {
        ClientBenchmark.Result result = benchmark.run(settings, analyzer);
        results.add(result);
        out.print(
            json
                ? ClientBenchReport.json(result).toString() + System.lineSeparator()
                : ClientBenchReport.text(result) + System.lineSeparator());
        out.flush();
      }
    }
    if (!json && results.size() > 1) {
      out.print(SweepReport.markdown(results));
    }
    if (chart != null) {
      ClientBenchmark.Result first = results.get(0);
      ChartRenderer.write(
          chart,
          chartTitle(results),
          first.machine().oneLine()
              + "; load at the end "
              + results.get(results.size() - 1).loadAtEnd(),
          SweepReport.chartSeries(results));
      System.err.println("chart written to " + chart.toAbsolutePath());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private String chartTitle(List<ClientBenchmark.Result> results) {
    ClientBenchmark.Settings first = results.get(0).settings();
    return "camera-bridge bench client: bridge vs baselines, in-flight "
        + first.inFlight()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs, "
        + results.get(0).analyzer().replaceAll(", http://.*", "");
  }

  private List<FrameShape> shapes() {
    try {
      if (sizes.isEmpty()) {
        return List.of(new FrameShape(width, height, format));
      }
      List<FrameShape> shapes = new ArrayList<>();
      for (String size : sizes) {
        shapes.add(parseSize(size));
      }
      return shapes;
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private FrameShape parseSize(String size) {
    Matcher m = SIZE.matcher(size.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--sizes entry '" + size + "' is not WxH or WxH:FORMAT, e.g. 1920x1200:Mono8");
    }
    BenchPixelFormat f = format;
    if (m.group(3) != null) {
      try {
        f = BenchPixelFormat.valueOf(m.group(3));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--sizes entry '"
                + size
                + "' names an unknown format; use one of "
                + java.util.Arrays.toString(BenchPixelFormat.values()));
      }
    }
    return new FrameShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), f);
  }

  private ClientBenchmark.Settings settings(FrameShape shape) {
    if (inFlight < 1 || inFlight > EndpointRules.MAX_IN_FLIGHT) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--in-flight must be between 1 and " + EndpointRules.MAX_IN_FLIGHT + ", got " + inFlight);
    }
    if (frames < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--frames must be positive, got " + frames);
    }
    List<String> names = baselines.stream().distinct().map(Enum::name).toList();
    int measuredRounds = rounds != null ? rounds : (names.isEmpty() ? 1 : 3);
    int pool = poolFrames != null ? poolFrames : inFlight + 3;
    if (pool < inFlight) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--pool-frames must be at least --in-flight (" + inFlight + ")");
    }
    return new ClientBenchmark.Settings(
        shape, frames, duration, inFlight, names, measuredRounds, warmupFrames, pool);
  }

  private Analyzer openAnalyzer() throws Exception {
    if (url != null) {
      try {
        return Analyzer.external(AnalyzerAddress.parse(url));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return InProcessAnalyzer.start();
  }

  private static LoadTarget createTarget(
      String name, AnalyzerAddress address, FrameShape shape, int inFlight) {
    if (ClientBenchmark.BRIDGE.equals(name)) {
      return new BridgeTarget(address, shape, inFlight);
    }
    return Baseline.valueOf(name).create(address, shape);
  }
}
