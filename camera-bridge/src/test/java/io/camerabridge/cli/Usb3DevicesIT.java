package io.camerabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.bindings.aravis.fake.FakeU3v;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camera-bridge devices} as a user runs it, on a host whose libusb is fake-u3v: the shaded
 * jar in its own JVM lists the USB3 Vision cameras with their serial and protocol.
 */
class Usb3DevicesIT {
  @TempDir Path dir;

  @Test
  void devicesListsUsb3CamerasWithSerialAndProtocol() throws Exception {
    FakeU3v fake = FakeU3v.builder().serials("CBDEV1", "CBDEV2").build();
    String jar = System.getProperty("camerabridge.jar");
    assertThat(jar).as("system property camerabridge.jar (set by Failsafe)").isNotBlank();
    Path out = dir.resolve("devices.out");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "devices")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Process p = fake.applyTo(pb).start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("devices ended").isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).contains("DEVICE ID", "SERIAL", "PROTOCOL");
    for (int i = 0; i < 2; i++) {
      String id = fake.deviceId(i);
      String serial = fake.serials().get(i);
      assertThat(lines)
          .as(text)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(id + " ")
                      .contains(FakeU3v.VENDOR, FakeU3v.MODEL, serial, "USB3_VISION"));
    }
  }
}
