package io.camerabridge.bindings.aravis.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The judge of fake-u3v is Aravis itself: its own command-line tools, loading the library through
 * {@code LD_LIBRARY_PATH}, must find the devices as USB3 Vision cameras, read and write their
 * features and stream complete frames from them.
 */
class FakeU3vAravisToolsTest {
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path temp;

  @Test
  void arvToolListsEveryDeviceAsUsb3WithItsSerial() throws Exception {
    FakeU3v fake = FakeU3v.builder().serials("CBU3V1", "CBU3V2").build();
    String out = run(fake, "arv-tool-0.8");
    assertThat(out)
        .contains(fake.deviceId(0) + " (USB3)")
        .contains(fake.deviceId(1) + " (USB3)")
        .contains("CBU3V1", "CBU3V2");
  }

  @Test
  void arvToolReadsAndWritesFeatures() throws Exception {
    FakeU3v fake = FakeU3v.builder().serials("CBU3VRW").build();
    String out =
        run(
            fake,
            "arv-tool-0.8",
            "-n",
            fake.deviceId(0),
            "control",
            "DeviceSerialNumber",
            "DeviceVendorName",
            "DeviceModelName",
            "Width=640",
            "Height=480",
            "PixelFormat=Mono8",
            "PayloadSize",
            "ExposureTime=5000",
            "TriggerMode=On",
            "TriggerSource=Software",
            "DeviceTemperature");
    assertThat(out)
        .contains("DeviceSerialNumber = CBU3VRW")
        .contains("DeviceVendorName = " + FakeU3v.VENDOR)
        .contains("DeviceModelName = " + FakeU3v.MODEL)
        .contains("Width = 640")
        .contains("Height = 480")
        .contains("PixelFormat = Mono8")
        .contains("PayloadSize = 307200")
        .contains("ExposureTime = 5000")
        .contains("TriggerMode = On")
        .contains("TriggerSource = Software")
        .containsPattern("DeviceTemperature = [0-9.]+ C");
    // The device rejects what GenICam allows but the sensor cannot do (width not a multiple of 8).
    assertThat(run(fake, "arv-tool-0.8", "-n", fake.deviceId(0), "control", "Width=100"))
        .contains("invalid-parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async"})
  void arvCameraTestStreams1920x1200WithZeroFailures(String usbMode) throws Exception {
    FakeU3v fake = FakeU3v.builder().serials("CBU3VST").fps(30).build();
    Stats stats =
        Stats.of(
            run(
                fake,
                "arv-camera-test-0.8",
                "-n",
                fake.deviceId(0),
                "-w",
                "1920",
                "-h",
                "1200",
                "-f",
                "30",
                "-s",
                usbMode,
                "--duration=2"));
    assertThat(stats.completed).as("complete frames in 2 s at 30 fps").isGreaterThanOrEqualTo(10);
    assertThat(stats.failures).isZero();
  }

  @Test
  void pendingAcknowledgesAreWaitedFor() throws Exception {
    FakeU3v fake = FakeU3v.builder().pendingAck(Duration.ofMillis(30)).build();
    Stats stats =
        Stats.of(
            run(
                fake,
                "arv-camera-test-0.8",
                "-n",
                fake.deviceId(0),
                "-w",
                "640",
                "-h",
                "480",
                "--duration=1"));
    assertThat(stats.completed).isPositive();
    assertThat(stats.failures).isZero();
  }

  @Test
  void shortPayloadsAreFailedFramesAndTheStreamStaysInStep() throws Exception {
    FakeU3v fake = FakeU3v.builder().shortPayloadEvery(4).build();
    Stats stats =
        Stats.of(
            run(
                fake,
                "arv-camera-test-0.8",
                "-n",
                fake.deviceId(0),
                "-w",
                "640",
                "-h",
                "480",
                "--duration=2"));
    assertThat(stats.failures).isPositive();
    // One frame in four is short; the others still complete (leader and trailer stay aligned).
    assertThat(stats.completed).isGreaterThanOrEqualTo(2 * stats.failures);
  }

  @Test
  void aStalledStreamResumesWithoutFailedFrames() throws Exception {
    FakeU3v fake = FakeU3v.builder().stallAfterFrames(5, Duration.ofMillis(1500)).build();
    Stats stats =
        Stats.of(
            run(
                fake,
                "arv-camera-test-0.8",
                "-n",
                fake.deviceId(0),
                "-w",
                "640",
                "-h",
                "480",
                "--duration=3"));
    // 5 frames, a 1.5 s pause, then the stream goes on where it stopped.
    assertThat(stats.completed).isGreaterThan(5);
    assertThat(stats.failures).isZero();
  }

  @Test
  void unplugLosesControlAfterExactlyTheFramesSent() throws Exception {
    FakeU3v fake = FakeU3v.builder().unplugAfterFrames(10).build();
    String out =
        run(
            fake,
            "arv-camera-test-0.8",
            "-n",
            fake.deviceId(0),
            "-w",
            "640",
            "-h",
            "480",
            "--duration=2");
    assertThat(out).contains("Control lost");
    assertThat(Stats.of(out).completed).isEqualTo(10);
  }

  private String run(FakeU3v fake, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(temp, "arv", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = fake.applyTo(pb).start();
    try {
      if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError(String.join(" ", command) + " did not end: " + read(log));
      }
    } finally {
      p.destroyForcibly();
    }
    return read(log);
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** The stream statistics arv-camera-test-0.8 prints at the end. */
  private record Stats(long completed, long failures) {
    private static final Pattern LINE =
        Pattern.compile("(n_completed_buffers|n_failures)\\s*=\\s*(\\d+)");

    static Stats of(String out) {
      List<Long> completed = new ArrayList<>();
      List<Long> failures = new ArrayList<>();
      Matcher m = LINE.matcher(out);
      while (m.find()) {
        (m.group(1).equals("n_failures") ? failures : completed).add(Long.parseLong(m.group(2)));
      }
      assertThat(completed).as("statistics in: %s", out).hasSize(1);
      assertThat(failures).as("statistics in: %s", out).hasSize(1);
      return new Stats(completed.get(0), failures.get(0));
    }
  }
}
