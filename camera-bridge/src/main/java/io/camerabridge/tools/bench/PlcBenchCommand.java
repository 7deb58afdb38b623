package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.support.DurationConverter;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camera-bridge bench plc}: the PLC handshake's latency and completeness (docs/plc.md). */
@Command(
    name = "plc",
    mixinStandardHelpOptions = true,
    description = {
      "PLC handshake: fake GigE camera -> the whole service -> OPC UA and Modbus PLC clients.",
      "Runs the service with both PLC servers; a Modbus PLC polls ResultValid every --poll,",
      "reads Sequence and writes Ack after --ack-after; an OPC UA client is subscribed to",
      "Sequence and ResultValid. Reports buffer filled -> ResultValid visible (p50/p99) for each",
      "client, and counts outcomes the Modbus PLC never saw or saw out of order: the exit status",
      "is 1 when one was out of order or, with --handshake queue, lost."
    },
    footer = {
      "",
      "Example: camera-bridge bench plc --duration 600s --fps 30 --handshake queue --ack-after 5ms"
    })
public final class PlcBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Option(names = "--width", defaultValue = "640", description = "Image width (${DEFAULT-VALUE})")
  private int width;

  @Option(names = "--height", defaultValue = "480", description = "Image height (${DEFAULT-VALUE})")
  private int height;

  @Option(names = "--fps", defaultValue = "30", description = "Frame rate (${DEFAULT-VALUE})")
  private double fps;

  @Option(
      names = "--duration",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description = "Measured time (${DEFAULT-VALUE})")
  private Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "Unmeasured time after the first result (${DEFAULT-VALUE})")
  private Duration warmup;

  @Option(
      names = "--handshake",
      defaultValue = "queue",
      description = "plc.handshake: off, latest or queue (${DEFAULT-VALUE})")
  private String handshake;

  @Option(names = "--queue", defaultValue = "64", description = "plc.queue (${DEFAULT-VALUE})")
  private int queue;

  @Option(
      names = "--ack-after",
      defaultValue = "5ms",
      converter = DurationConverter.class,
      description = "The Modbus PLC writes Ack this long after it saw a result (${DEFAULT-VALUE})")
  private Duration ackAfter;

  @Option(
      names = "--poll",
      defaultValue = "10ms",
      converter = DurationConverter.class,
      description =
          "The Modbus PLC's poll interval, and the OPC UA client's publishing interval"
              + " (${DEFAULT-VALUE})")
  private Duration poll;

  @Option(names = "--json", description = "Print one JSON object instead of the text report")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    if (!handshake.matches("off|latest|queue")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--handshake: off, latest or queue, got " + handshake);
    }
    BenchLogging.warningsOnly();
    PlcBenchmark.Result r;
    try {
      r =
          new PlcBenchmark(System.err)
              .run(
                  new PlcBenchmark.Settings(
                      width, height, fps, duration, warmup, handshake, queue, ackAfter, poll));
    } catch (BenchException e) {
      spec.commandLine().getErr().println("bench plc: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? json(r) + System.lineSeparator() : text(r));
    out.flush();
    if (!r.exact()) {
      spec.commandLine()
          .getErr()
          .println("bench plc: outcomes were lost or out of order (see the report)");
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  static String text(PlcBenchmark.Result r) {
    PlcBenchmark.Settings s = r.settings();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "bench plc: %dx%d Mono8 at %.0f fps for %d s, handshake %s (queue %d), Modbus poll %d"
                + " ms, ack after %d ms%n",
            s.width(),
            s.height(),
            s.fps(),
            s.duration().toSeconds(),
            s.handshake(),
            s.queue(),
            s.poll().toMillis(),
            s.ackAfter().toMillis()));
    b.append(line("Modbus (polling)", r.modbus()));
    b.append(line("OPC UA (subscribed)", r.opcua()));
    b.append(
        String.format(
            Locale.ROOT,
            "  OPC UA publishing interval granted: %.0f ms (newest value per interval: not every"
                + " outcome is seen)%n",
            r.opcuaPublishingMillis()));
    b.append(
        String.format(
            Locale.ROOT,
            "outcomes journaled in the window %d, lost %d, out of order %d, queue overflow %d,"
                + " unacknowledged %d%s%n",
            r.journaled(),
            r.lost(),
            r.outOfOrder(),
            r.queueOverflow(),
            r.unacknowledged(),
            r.modbusFailure() == null ? "" : ", Modbus PLC failed: " + r.modbusFailure()));
    b.append("load average: before ").append(r.loadBefore()).append(", after ");
    return b.append(r.loadAfter()).append(System.lineSeparator()).toString();
  }

  private static String line(String name, PlcBenchmark.ClientResult c) {
    LatencySamples.Percentiles p = c.latencyMillis();
    return String.format(
        Locale.ROOT,
        "%-20s buffer filled -> ResultValid seen: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d"
            + " outcomes)%n",
        name,
        p.p50(),
        p.p99(),
        p.max(),
        c.seen());
  }

  static String json(PlcBenchmark.Result r) {
    ObjectNode root = JSON.createObjectNode();
    PlcBenchmark.Settings s = r.settings();
    root.put("fps", s.fps()).put("duration_s", s.duration().toSeconds());
    root.put("handshake", s.handshake()).put("ack_after_ms", s.ackAfter().toMillis());
    root.put("poll_ms", s.poll().toMillis());
    client(root.putObject("modbus"), r.modbus());
    client(root.putObject("opcua"), r.opcua());
    ((ObjectNode) root.get("opcua")).put("publishing_interval_ms", r.opcuaPublishingMillis());
    root.put("journaled", r.journaled()).put("lost", r.lost()).put("out_of_order", r.outOfOrder());
    root.put("queue_overflow", r.queueOverflow()).put("unacknowledged", r.unacknowledged());
    root.put("exact", r.exact());
    root.put("load_before", r.loadBefore()).put("load_after", r.loadAfter());
    return root.toString();
  }

  private static void client(ObjectNode node, PlcBenchmark.ClientResult c) {
    node.put("seen", c.seen());
    node.put("p50_ms", c.latencyMillis().p50());
    node.put("p99_ms", c.latencyMillis().p99());
    node.put("max_ms", c.latencyMillis().max());
  }
}
