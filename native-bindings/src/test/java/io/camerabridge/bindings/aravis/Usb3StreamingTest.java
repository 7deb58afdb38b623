package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeU3v;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * USB3 Vision through the binding, in this JVM: its libusb is fake-u3v (the {@code
 * fake-u3v-in-process} Surefire execution starts the JVM with it on {@code LD_LIBRARY_PATH}), with
 * two devices, CBUSB1 healthy and CBUSB2 leaving the bus after 15 frames and returning 500 ms
 * later.
 */
@Tag("fake-u3v")
class Usb3StreamingTest {
  private static final String HEALTHY = "CBUSB1";
  private static final String UNPLUGGING = "CBUSB2";
  // Device ids open at once; a serial number costs Aravis a GigE discovery round first (~2 s).
  private static final String HEALTHY_ID = FakeU3v.VENDOR + "-CB0000000001-" + HEALTHY;
  private static final String UNPLUGGING_ID = FakeU3v.VENDOR + "-CB0000000002-" + UNPLUGGING;
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1200;

  @BeforeAll
  static void thisJvmUsesFakeU3v() {
    // Without it Aravis sees the host's real (here: absent) USB and every test below fails late.
    assertThat(System.getenv("LD_LIBRARY_PATH"))
        .as("LD_LIBRARY_PATH of a JVM started by the fake-u3v test execution")
        .contains(FakeU3v.libraryDirectory().getFileName().toString());
  }

  @Test
  void discoveryListsBothDevicesAsUsb3Vision() {
    List<DeviceInfo> usb =
        Devices.list().stream().filter(d -> d.protocol() == Protocol.USB3_VISION).toList();
    assertThat(usb).extracting(DeviceInfo::serial).contains(HEALTHY, UNPLUGGING);
    DeviceInfo first = usb.stream().filter(d -> d.serial().equals(HEALTHY)).findFirst().get();
    assertThat(first.vendor()).isEqualTo(FakeU3v.VENDOR);
    assertThat(first.model()).isEqualTo(FakeU3v.MODEL);
    assertThat(first.id()).isEqualTo(HEALTHY_ID);
  }

  @ParameterizedTest
  @EnumSource(UsbMode.class)
  void streams1920x1200BayerRG8WithTheTestPatternInEveryByte(UsbMode mode) {
    try (Camera camera = Camera.open(HEALTHY)) {
      assertThat(camera.serial()).isEqualTo(HEALTHY);
      assertThat(camera.gige()).isEmpty();
      UsbOptions usb = camera.usb().orElseThrow();
      usb.setUsbMode(mode);
      camera.image().setPixelFormat(PixelFormat.BAYER_RG8);
      camera.image().setRegion(new Region(0, 0, WIDTH, HEIGHT));
      camera.image().setFrameRate(30);
      assertThat(camera.payloadSize()).isEqualTo(2_304_000);
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(6).build())) {
        assertThat(stream.isGigE()).isFalse();
        assertThatThrownBy(() -> usb.setUsbMode(UsbMode.SYNC))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("close the stream");
        camera.startAcquisition();
        List<Long> ids = new ArrayList<>();
        while (ids.size() < 12) {
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(frame.status()).isEqualTo(BufferStatus.SUCCESS);
            assertThat(frame.size()).isEqualTo(2_304_000);
            assertThat(frame.width()).isEqualTo(WIDTH);
            assertThat(frame.height()).isEqualTo(HEIGHT);
            assertThat(frame.pixelFormat()).isEqualTo(PixelFormat.BAYER_RG8);
            assertPattern(frame.data(), WIDTH, HEIGHT, 0, 0, frame.frameId());
            ids.add(frame.frameId());
          }
        }
        camera.stopAcquisition();
        for (int i = 1; i < ids.size(); i++) {
          assertThat(ids.get(i)).as("frame ids in order").isGreaterThan(ids.get(i - 1));
        }
        StreamStatistics stats = stream.statistics();
        assertThat(stats.completedBuffers()).isGreaterThanOrEqualTo(12);
        assertThat(stats.failures()).isZero();
      }
    }
  }

  @Test
  void regionOffsetsShiftThePatternAndSoftwareTriggerGivesOneFramePerTrigger() {
    try (Camera camera = Camera.open(HEALTHY_ID)) {
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(64, 32, 640, 480));
      camera.setTrigger(Trigger.software());
      assertThat(camera.features().getString("TriggerMode")).isEqualTo("On");
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(4).build())) {
        camera.startAcquisition();
        assertThat(stream.pop(Duration.ofMillis(300))).as("no frame without a trigger").isEmpty();
        for (int i = 0; i < 3; i++) {
          camera.softwareTrigger();
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(frame.status()).isEqualTo(BufferStatus.SUCCESS);
            assertThat(frame.x()).isEqualTo(64);
            assertThat(frame.y()).isEqualTo(32);
            assertPattern(frame.data(), 640, 480, 64, 32, frame.frameId());
          }
        }
        assertThat(stream.pop(Duration.ofMillis(300))).as("no extra frame").isEmpty();
        camera.stopAcquisition();
      } finally {
        camera.setTrigger(Trigger.off());
      }
    }
  }

  @Test
  void throughputLimitIsTheSfncFeaturePair() {
    try (Camera camera = Camera.open(HEALTHY_ID)) {
      UsbOptions usb = camera.usb().orElseThrow();
      assertThat(usb.isThroughputLimitAvailable()).isTrue();
      assertThat(usb.throughputLimit()).isEmpty();
      usb.setThroughputLimit(100_000_000);
      assertThat(usb.throughputLimit()).hasValue(100_000_000);
      assertThat(camera.features().getString("DeviceLinkThroughputLimitMode")).isEqualTo("On");
      usb.clearThroughputLimit();
      assertThat(usb.throughputLimit()).isEmpty();
    }
  }

  @Test
  void unplugLosesControlAndTheReturnedDeviceStreamsAgain() throws Exception {
    CountDownLatch lost = new CountDownLatch(1);
    int framesBeforeUnplug = 0;
    try (Camera camera = Camera.open(UNPLUGGING_ID)) {
      camera.addControlLostListener(lost::countDown);
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, 320, 240));
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(4).build())) {
        camera.startAcquisition();
        while (lost.getCount() > 0) {
          var popped = stream.pop(Duration.ofMillis(200));
          if (popped.isPresent()) {
            try (ArvFrame frame = popped.get()) {
              if (frame.isComplete()) {
                framesBeforeUnplug++;
              }
            }
          }
        }
      }
      assertThat(camera.isControlLost()).isTrue();
    }
    assertThat(framesBeforeUnplug).as("complete frames before the unplug").isBetween(1, 15);
    AtomicReference<Camera> back = new AtomicReference<>();
    await()
        .atMost(30, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              back.set(Camera.open(UNPLUGGING_ID));
              return true;
            });
    try (Camera camera = back.get()) {
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, 320, 240));
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(4).build())) {
        camera.startAcquisition();
        try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
          assertThat(frame.status()).isEqualTo(BufferStatus.SUCCESS);
          assertPattern(frame.data(), 320, 240, 0, 0, frame.frameId());
        }
        camera.stopAcquisition();
      }
    }
  }

  /** Every byte against fake-u3v's diagonal ramp, row by row. */
  static void assertPattern(ByteBuffer data, int width, int height, int ox, int oy, long id) {
    assertThat(data.remaining()).isEqualTo(width * height);
    byte[] row = new byte[width];
    for (int y = 0; y < height; y++) {
      data.get(y * width, row);
      for (int x = 0; x < width; x++) {
        int expected = FakeU3v.expectedPixel(x, y, ox, oy, id);
        if ((row[x] & 0xff) != expected) {
          throw new AssertionError(
              "Frame "
                  + id
                  + " pixel ("
                  + x
                  + ", "
                  + y
                  + ") is "
                  + (row[x] & 0xff)
                  + ", expected "
                  + expected);
        }
      }
    }
  }
}
