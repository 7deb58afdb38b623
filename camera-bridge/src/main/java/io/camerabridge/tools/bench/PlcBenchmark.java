package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.bindings.systemd.SystemdNotifier;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.ops.PlcHealth;
import io.camerabridge.service.Bridge;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench plc}: the whole service with one free-running fake GigE camera, the in-process
 * simulator and both PLC servers; a Modbus PLC loop polls and acknowledges, an OPC UA client
 * watches by subscription. Buffer filled (the journal's host wall-clock time of the leader packet)
 * → ResultValid visible to each client. Every sequence between the first and the last outcome the
 * Modbus PLC saw has an outcome, so each one it did not see is lost; one not above the previous is
 * out of order.
 */
final class PlcBenchmark {
  static final String CAMERA = "bench";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FIRST_RESULT = Duration.ofSeconds(30);

  /** The run's settings, as given on the command line. */
  record Settings(
      int width,
      int height,
      double fps,
      Duration duration,
      Duration warmup,
      String handshake,
      int queue,
      Duration ackAfter,
      Duration poll) {}

  /** One client's view: outcomes seen while recording and their latencies. */
  record ClientResult(int seen, LatencySamples.Percentiles latencyMillis) {}

  /** The run. */
  record Result(
      Settings settings,
      ClientResult modbus,
      ClientResult opcua,
      double opcuaPublishingMillis,
      long journaled,
      long lost,
      long outOfOrder,
      long queueOverflow,
      long unacknowledged,
      String modbusFailure,
      String loadBefore,
      String loadAfter) {
    /** No outcome lost (with handshake queue) and none out of order. */
    boolean exact() {
      return outOfOrder == 0
          && modbusFailure == null
          && (!settings.handshake().equals("queue") || (lost == 0 && queueOverflow == 0));
    }
  }

  private final PrintStream progress;

  PlcBenchmark(PrintStream progress) {
    this.progress = progress;
  }

  Result run(Settings s) throws Exception {
    String loadBefore = MachineInfo.currentLoadAverage();
    Path dir = Files.createTempDirectory("camera-bridge-bench-plc");
    PlcSightings modbusSeen = new PlcSightings();
    PlcSightings opcuaSeen = new PlcSightings();
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        InProcessAnalyzer analyzer = InProcessAnalyzer.start()) {
      BridgeConfig config = E2eCameraConfig.load(yaml(s, camera, analyzer, dir));
      Bridge bridge = new Bridge(config, SystemdNotifier.disabled());
      bridge.start();
      String failure;
      double publishing;
      long overflow;
      long unacknowledged;
      try {
        PlcHealth plc = bridge.plc().orElseThrow();
        try (ModbusPlcLoop modbus =
                ModbusPlcLoop.start(port(plc, "modbus"), s.poll(), s.ackAfter(), modbusSeen);
            OpcUaWatcher opcua =
                OpcUaWatcher.start(
                    port(plc, "opcua"), CAMERA, s.poll().toNanos() / 1e6, opcuaSeen)) {
          awaitFirst(modbusSeen);
          TimeUnit.NANOSECONDS.sleep(s.warmup().toNanos());
          progress.printf("bench plc: measuring %d s%n", s.duration().toSeconds());
          modbusSeen.recording(true);
          opcuaSeen.recording(true);
          TimeUnit.NANOSECONDS.sleep(s.duration().toNanos());
          modbusSeen.recording(false);
          opcuaSeen.recording(false);
          failure = modbus.failure();
          publishing = opcua.publishingMillis();
        }
        PlcHealth.Slot slot = bridge.plc().orElseThrow().cameras().get(0);
        unacknowledged = slot.unacknowledged();
        overflow =
            (long)
                bridge
                    .metrics()
                    .registry()
                    .get("camerabridge.plc.queue.overflow")
                    .functionCounter()
                    .count();
      } finally {
        bridge.stop();
      }
      Map<Long, Long> filled = journal(dir.resolve(CAMERA + ".jsonl"));
      return result(
          s,
          modbusSeen,
          opcuaSeen,
          publishing,
          filled,
          overflow,
          unacknowledged,
          failure,
          loadBefore);
    } finally {
      deleteAll(dir);
    }
  }

  private static Result result(
      Settings s,
      PlcSightings modbus,
      PlcSightings opcua,
      double publishing,
      Map<Long, Long> filled,
      long overflow,
      long unacknowledged,
      String failure,
      String loadBefore) {
    List<PlcSightings.Sighting> seen = modbus.seen();
    long lost = 0;
    long journaled = 0;
    if (!seen.isEmpty()) {
      long first = seen.get(0).sequence();
      long last = seen.get(seen.size() - 1).sequence();
      Set<Long> sequences = new HashSet<>();
      seen.forEach(x -> sequences.add(x.sequence()));
      // Every sequence gets exactly one outcome (a dropped frame's is ERROR), so in the window
      // every sequence must have been seen, journaled (analysed) or not.
      lost = (last - first + 1) - sequences.size();
      journaled = filled.keySet().stream().filter(q -> q >= first && q <= last).count();
    }
    return new Result(
        s,
        client(seen, filled),
        client(opcua.seen(), filled),
        publishing,
        journaled,
        lost,
        modbus.outOfOrder(),
        overflow,
        unacknowledged,
        failure,
        loadBefore,
        MachineInfo.currentLoadAverage());
  }

  private static ClientResult client(List<PlcSightings.Sighting> seen, Map<Long, Long> filled) {
    LatencySamples latency = new LatencySamples(Math.max(1, seen.size()));
    for (PlcSightings.Sighting x : seen) {
      Long at = filled.get(x.sequence());
      if (at != null) {
        latency.record(Math.max(0, x.wallNanos() - at));
      }
    }
    return new ClientResult(seen.size(), latency.percentiles());
  }

  private static String yaml(
      Settings s, FakeGvCameraProcess camera, InProcessAnalyzer analyzer, Path dir) {
    String plc =
        "plc: { opcua: { listen: \"127.0.0.1:0\", pkiDir: \""
            + dir.resolve("pki")
            + "\" }, modbus: { listen: \"127.0.0.1:0\" }, handshake: "
            + s.handshake()
            + ", queue: "
            + s.queue()
            + " }";
    CameraYaml cam =
        CameraYaml.of(CAMERA, camera.deviceId())
            .pixelFormat("Mono8")
            .size(s.width(), s.height())
            .frameRate(s.fps())
            .gige("packetSocket", false)
            .pekat(analyzer.address().baseUri())
            .journal(dir.resolve(CAMERA + ".jsonl"))
            .yaml("plc: { slot: 0 }");
    return ConfigYaml.create().metricsEnabled(false).yaml(plc).camera(cam).toYaml();
  }

  private static int port(PlcHealth plc, String protocol) {
    PlcHealth.Server server =
        plc.servers().stream()
            .filter(x -> x.protocol().equals(protocol))
            .findFirst()
            .orElseThrow(() -> new BenchException("the " + protocol + " PLC server did not start"));
    if (server.error() != null) {
      throw new BenchException("the " + protocol + " PLC server did not start: " + server.error());
    }
    return Integer.parseInt(server.listen().substring(server.listen().lastIndexOf(':') + 1));
  }

  private static void awaitFirst(PlcSightings seen) throws InterruptedException {
    long end = System.nanoTime() + FIRST_RESULT.toNanos();
    while (!seen.any()) {
      if (System.nanoTime() - end > 0) {
        throw new BenchException("no outcome reached the Modbus PLC within " + FIRST_RESULT);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Sequence → buffer filled (host wall-clock ns) from the journal, complete after stop. */
  private static Map<Long, Long> journal(Path file) throws IOException {
    Map<Long, Long> out = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode r = JSON.readTree(line);
      out.put(r.get("sequence").asLong(), r.get("systemTimestampNanos").asLong());
    }
    return out;
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
