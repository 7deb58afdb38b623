package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeU3v;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.RequestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The service with USB3 Vision cameras: fake-u3v is this JVM's libusb (the {@code fake-u3v}
 * Failsafe execution), so Aravis streams real leader/payload/trailer transfers from CBE2E1 and
 * CBE2E2, the second of which leaves the bus after every 30 frames and comes back 3 s later. Twins
 * of {@link BridgeEndToEndIT}, {@link CameraFaultsIT} and {@link RepeatedReconnectIT}; devices 4
 * and 5 share the serial CBE2ETWIN (the USB3 twin of {@link MisconfiguredCameraIT}'s twin case).
 */
@Tag("fake-u3v")
class Usb3BridgeIT {
  private static final String HEALTHY = "CBE2E1";
  private static final String UNPLUGGING = "CBE2E2";
  private static final String TWIN = "CBE2ETWIN"; // devices 4 and 5 of the fake-u3v execution
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1200;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void thisJvmUsesFakeU3v() {
    // Without it Aravis sees the host's real (here: absent) USB and every test below fails late.
    assertThat(System.getenv("LD_LIBRARY_PATH"))
        .as("LD_LIBRARY_PATH of a JVM started by the fake-u3v test execution")
        .contains(FakeU3v.libraryDirectory().getFileName().toString());
  }

  @Test
  void bayerFramesReachTheSimulatorByteForByteWithTheUsbSettingsApplied() throws Exception {
    Logger configurer = (Logger) LoggerFactory.getLogger("io.camerabridge.pipeline");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    configurer.addAppender(logs);
    try (PekatSimulator sim =
        PekatSimulator.builder().port(0).checksums(true).recentRequests(2000).build().start()) {
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "usb1",
                  HEALTHY,
                  sim.baseUri().toString(),
                  dir,
                  WIDTH,
                  HEIGHT,
                  "frameRate: 10",
                  "gige: { packetSize: 9000, socketBuffer: 8MiB }",
                  "usb: { mode: async, throughputLimit: 200MB }"));
      Map<String, Object> settings = new HashMap<>();
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.stats().frames() >= 10);
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        assertThat(pipeline.state()).isEqualTo(CameraState.STREAMING);
        pipeline
            .withCamera(
                c -> {
                  settings.put("mode", c.usb().orElseThrow().usbMode().name());
                  settings.put("limit", c.features().getInteger("DeviceLinkThroughputLimit"));
                  settings.put(
                      "limitMode", c.features().getString("DeviceLinkThroughputLimitMode"));
                  settings.put("PixelFormat", c.features().getString("PixelFormat"));
                })
            .get();
      } finally {
        configurer.detachAppender(logs);
      }
      assertThat(settings)
          .containsEntry("mode", "ASYNC")
          .containsEntry("limit", 200_000_000L)
          .containsEntry("limitMode", "On")
          .containsEntry("PixelFormat", "BayerRG8");
      List<String> gigeLines =
          logs.list.stream()
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("gige"))
              .toList();
      assertThat(gigeLines)
          .containsExactly("Camera usb1: not a GigE Vision camera, ignoring the gige section");

      // The camera's frames, without the warm-up (mid-grey, data=camera-bridge/warm-up).
      List<RequestRecord> requests = sim.stats().recentFrames();
      assertThat(requests).hasSizeGreaterThanOrEqualTo(10);
      Map<Long, String> verdicts = journal(dir.resolve("usb1.jsonl"));
      for (RequestRecord r : requests) {
        assertThat(r.query()).containsKey("bayer");
        assertThat(r.query()).containsEntry("width", "1920").containsEntry("height", "1200");
        assertThat(r.bodyBytes()).isEqualTo((long) WIDTH * HEIGHT);
        long frameId = Long.parseLong(r.query().get("data").split("/")[1]);
        assertThat(r.crc32c())
            .as("body checksum of frame %d", frameId)
            .hasValue(FakeU3v.crc32c(WIDTH, HEIGHT, 0, 0, frameId));
        assertThat(verdicts).as("journal line for frame %d", frameId).containsKey(frameId);
      }
      assertThat(verdicts).hasSize(requests.size());
    }
  }

  @Test
  void twoUsbCamerasWithTheSameSerialAreRefusedAtEveryOpenNamingBoth() throws Exception {
    String first = FakeU3v.VENDOR + "-CB0000000004-" + TWIN;
    String second = FakeU3v.VENDOR + "-CB0000000005-" + TWIN;
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      // Aravis itself opens <vendor>-<serial>, a name both devices answer to.
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "twin",
                  FakeU3v.VENDOR + "-" + TWIN,
                  sim.baseUri().toString(),
                  dir,
                  640,
                  480,
                  "frameRate: 10"));
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> pipeline.state() == CameraState.MISCONFIGURED);
        assertThat(harness.bridge.cameras().get(0).error())
            .contains("twin", "ambiguous", first, second);
        // The first retry comes 2 s after the refusal: it must refuse again, not pick one.
        await()
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(30))
            .until(() -> pipeline.state() == CameraState.MISCONFIGURED);
        assertThat(sim.stats().frames()).as("frames analysed from either twin").isZero();
      }
    }
  }

  private static Map<Long, String> journal(Path file) throws Exception {
    Map<Long, String> verdicts = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = JSON.readTree(line);
      assertThat(verdicts.put(node.get("frameId").asLong(), node.get("verdict").asText()))
          .as("one line per frame")
          .isNull();
    }
    return verdicts;
  }

  @Test
  void unpluggedCameraGoesReconnectingAndResumesEveryTimeWithoutLeaks() throws Exception {
    int cycles = 3; // the first warms up lazily started threads; the others must leave nothing
    try (PekatSimulator sim = PekatSimulator.builder().port(0).build().start()) {
      String yaml =
          BridgeHarness.config(
              BridgeHarness.camera(
                  "usb2",
                  FakeU3v.VENDOR + "-CB0000000002-" + UNPLUGGING,
                  sim.baseUri().toString(),
                  dir,
                  640,
                  480,
                  "frameRate: 20",
                  "frameTimeout: 1s"));
      Set<CameraState> seen = EnumSet.noneOf(CameraState.class);
      long threadsBaseline = -1;
      long fdsBaseline = -1;
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        for (int cycle = 1; cycle <= cycles; cycle++) {
          int reconnects = cycle;
          // The device leaves after 30 frames, the frame watchdog notices within 1 s, the device
          // is back (power-cycled) 3 s after leaving: reopened, reconfigured, streaming.
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () -> {
                    seen.add(pipeline.state());
                    return pipeline.stats().snapshot().reconnects() >= reconnects;
                  });
          long reopened = pipeline.stats().snapshot().acquired();
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () ->
                      pipeline.state() == CameraState.STREAMING
                          && pipeline.stats().snapshot().acquired() > reopened + 5);
          assertThat(pipeline.stats().snapshot().reconnects()).isEqualTo(cycle);
          assertReconfigured(pipeline);
          if (cycle == 1) {
            threadsBaseline = threads();
            fdsBaseline = openFiles();
          }
        }
        assertThat(seen).contains(CameraState.RECONNECTING, CameraState.STREAMING);
        assertThat(
                harness
                    .bridge
                    .metrics()
                    .registry()
                    .get("camerabridge.camera.reconnects")
                    .tag("camera", "usb2")
                    .counter()
                    .count())
            .isEqualTo(cycles);
        // Aravis's USB threads (arv_libusb, arv_uv_stream) of lost sessions are gone again.
        long threads = threadsBaseline;
        long fds = fdsBaseline;
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(threads())
                      .as("threads: %s", Thread.getAllStackTraces().keySet())
                      .isLessThanOrEqualTo(threads);
                  assertThat(openFiles()).isLessThanOrEqualTo(fds + 2);
                });
      }
      assertThat(sim.stats().count(Endpoint.ANALYZE_RAW_IMAGE)).isPositive();
    }
  }

  private static void assertReconfigured(CameraPipeline pipeline) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    pipeline
        .withCamera(
            c -> {
              settings.put("Width", c.features().getInteger("Width"));
              settings.put("PixelFormat", c.features().getString("PixelFormat"));
            })
        .get();
    assertThat(settings).containsEntry("Width", 640L).containsEntry("PixelFormat", "BayerRG8");
  }

  /** Java threads of the service, without the test's own helpers (Awaitility). */
  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> !n.startsWith("awaitility"))
        .count();
  }

  private static long openFiles() throws java.io.IOException {
    try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
