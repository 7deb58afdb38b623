package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Aravis's in-process Fake camera through the safe layer. */
class FakeCameraTest {

  @BeforeAll
  static void enableFake() {
    AravisLibrary.ensureAvailable();
    Devices.enableFakeInterface();
  }

  @Test
  void reportsTheLoadedVersion() {
    assertThat(AravisLibrary.isAvailable()).isTrue();
    assertThat(AravisLibrary.unavailabilityCause()).isNull();
    assertThat(AravisLibrary.version()).startsWith("0.8.");
  }

  @Test
  void discoversFake1() {
    assertThat(Devices.list())
        .anySatisfy(
            d -> {
              assertThat(d.id()).isEqualTo("Fake_1");
              assertThat(d.protocol()).isEqualTo(Protocol.FAKE);
              assertThat(d.vendor()).isEqualTo("Aravis");
              assertThat(d.model()).isEqualTo("Fake");
              assertThat(d.serial()).isEqualTo("1");
            });
  }

  @Test
  void connectsControlLostOnlyForAListenerAndDisconnectsOnClose() {
    Camera camera = Camera.open("Fake_1");
    try {
      // No handler, no reference taken by emissions: the camera is finalized on the closing thread.
      assertThat(camera.controlLostConnected()).isFalse();
      camera.addControlLostListener(() -> {});
      assertThat(camera.controlLostConnected()).isTrue();
    } finally {
      camera.close();
    }
    assertThat(camera.controlLostConnected()).isFalse();
    camera.addControlLostListener(() -> {});
    assertThat(camera.controlLostConnected()).as("never again after close").isFalse();
  }

  @Test
  void opensConfiguresAndAcquires() {
    try (Camera camera = Camera.open("Fake_1")) {
      assertThat(camera.id()).isEqualTo("Fake_1");
      assertThat(camera.vendor()).isEqualTo("Aravis");
      assertThat(camera.gige()).isEmpty();
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, 640, 480));
      camera.image().setFrameRate(200);
      assertThat(camera.image().pixelFormat()).isEqualTo(PixelFormat.MONO8);
      assertThat(camera.image().pixelFormatCode()).isEqualTo(0x01080001);
      assertThat(camera.image().region()).isEqualTo(new Region(0, 0, 640, 480));
      assertThat(camera.payloadSize()).isEqualTo(307200);

      try (Stream stream =
          camera.createStream(StreamOptions.builder().bufferCount(4).realtimePriority(5).build())) {
        assertThat(stream.isGigE()).isFalse();
        assertThat(stream.bufferSize()).isEqualTo(307200);
        camera.startAcquisition();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(5)).orElseThrow()) {
            assertThat(frame.status()).isEqualTo(BufferStatus.SUCCESS);
            assertThat(frame.width()).isEqualTo(640);
            assertThat(frame.height()).isEqualTo(480);
            assertThat(frame.pixelFormat()).isEqualTo(PixelFormat.MONO8);
            assertThat(frame.size()).isEqualTo(307200);
            assertThat(frame.paddingX()).isZero();
            assertThat(frame.paddingY()).isZero();
            ByteBuffer data = frame.data();
            assertThat(data.isDirect()).isTrue();
            assertThat(data.remaining()).isEqualTo(307200);
            assertThat(frame.systemTimestampNanos()).isPositive();
            ids.add(frame.frameId());
          }
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(stream.isReceiverRealtime()).as("INIT ran before the first frame").isPresent();
        camera.stopAcquisition();
        StreamStatistics stats = stream.statistics();
        assertThat(stats.completedBuffers()).isGreaterThanOrEqualTo(10);
        assertThat(stats.infos()).containsKey("n_completed_buffers");
      }
    }
  }

  @Test
  void framesGoBackFromAnyThreadExactlyOnce() throws Exception {
    try (Camera camera = Camera.open("Fake_1")) {
      camera.image().setFrameRate(200);
      Stream stream = camera.createStream(StreamOptions.builder().bufferCount(2).build());
      camera.startAcquisition();
      ArvFrame frame = stream.pop(Duration.ofSeconds(5)).orElseThrow();
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        assertThat(other.submit(frame::release).get()).isTrue();
      } finally {
        other.shutdown();
      }
      assertThat(frame.release()).isFalse();
      assertThatThrownBy(frame::data).isInstanceOf(IllegalStateException.class);
      // Both buffers are back in the pool: the stream keeps delivering.
      for (int i = 0; i < 4; i++) {
        stream.pop(Duration.ofSeconds(5)).orElseThrow().release();
      }
      ArvFrame held = stream.pop(Duration.ofSeconds(5)).orElseThrow();
      stream.close();
      assertThatThrownBy(() -> stream.pop(Duration.ofMillis(10)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThat(held.data().remaining()).isEqualTo(held.size()); // still owned, still readable
      assertThat(held.release()).isTrue(); // freed, not pushed into the closed stream
      stream.close();
    }
  }

  @Test
  void typedHelpersReachTheirFeatures() {
    try (Camera camera = Camera.open("Fake_1")) {
      assertThat(camera.image().availablePixelFormats()).contains("Mono8", "BayerRG8", "RGB8");
      Region.Bounds bounds = camera.image().regionBounds();
      assertThat(bounds.width().max()).isEqualTo(2048);
      assertThat(bounds.height().contains(480)).isTrue();

      assertThat(camera.image().isBinningAvailable()).isTrue();
      camera.image().setBinning(new Binning(2, 2));
      assertThat(camera.image().binning()).isEqualTo(new Binning(2, 2));
      camera.image().setBinning(new Binning(1, 1));

      camera.image().setExposure(Duration.ofMillis(5));
      assertThat(camera.image().exposure()).isEqualTo(Duration.ofMillis(5));
      assertThat(camera.image().exposureBoundsMicros().contains(5000)).isTrue();
      camera.image().setGain(2);
      assertThat(camera.image().gain()).isEqualTo(2.0);
      assertThat(camera.image().gainBounds().max()).isPositive();
      camera.image().setFrameRate(12.5);
      assertThat(camera.image().frameRate()).isEqualTo(12.5);
      assertThat(camera.image().frameRateBounds().contains(12.5)).isTrue();

      camera.setAcquisitionMode(AcquisitionMode.SINGLE_FRAME);
      assertThat(camera.acquisitionMode()).isEqualTo(AcquisitionMode.SINGLE_FRAME);
      camera.setAcquisitionMode(AcquisitionMode.CONTINUOUS);

      camera.setTrigger(Trigger.hardware("Line0", Trigger.Activation.RISING_EDGE));
      assertThat(camera.features().getString("TriggerMode")).isEqualTo("On");
      assertThat(camera.features().getString("TriggerSource")).isEqualTo("Line0");
      assertThat(camera.features().getString("TriggerActivation")).isEqualTo("RisingEdge");
      assertThatThrownBy(
              () -> camera.setTrigger(Trigger.hardware("Line0", Trigger.Activation.FALLING_EDGE)))
          .isInstanceOf(AravisException.class)
          .hasMessageContaining("TriggerActivation")
          .hasMessageContaining("FallingEdge");
      camera.setTrigger(Trigger.off());
      assertThat(camera.features().getString("TriggerMode")).isEqualTo("Off");

      CameraFeatures features = camera.features();
      assertThat(features.enumerationEntries("TriggerSource")).contains("Line0", "Software");
      assertThat(features.integerBounds("Width").max()).isEqualTo(2048);
      features.setInteger("Width", 320);
      assertThat(features.getInteger("Width")).isEqualTo(320);
      features.setFromString("Width=640 Height=480");
      assertThat(camera.image().region().width()).isEqualTo(640);
      assertThat(camera.payloadSize())
          .isEqualTo(640L * 480 * camera.image().pixelFormat().bitsPerPixel() / 8);
    }
  }

  @Test
  void frameDroppedWithoutReleaseIsReportedAsLeak() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LeakReporter.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (Camera camera = Camera.open("Fake_1")) {
      camera.image().setFrameRate(200);
      try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(3).build())) {
        camera.startAcquisition();
        popAndDrop(stream);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  System.gc();
                  return appender.list.stream()
                      .anyMatch(e -> e.getFormattedMessage().startsWith("ArvFrame "));
                });
      }
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void closingWhileOtherThreadsPopAndReleaseIsSafe() throws Exception {
    ExecutorService releasers = Executors.newFixedThreadPool(2);
    AtomicInteger popped = new AtomicInteger();
    AtomicInteger released = new AtomicInteger();
    CountDownLatch flowing = new CountDownLatch(50);
    Camera camera = Camera.open("Fake_1");
    camera.image().setRegion(new Region(0, 0, 256, 256));
    camera.image().setFrameRate(1000);
    Stream stream = camera.createStream(StreamOptions.builder().bufferCount(8).build());
    camera.startAcquisition();
    Thread consumer =
        new Thread(
            () -> {
              try {
                while (true) {
                  ArvFrame frame = stream.pop(Duration.ofMillis(50)).orElse(null);
                  if (frame != null) {
                    popped.incrementAndGet();
                    flowing.countDown();
                    releasers.execute(
                        () -> {
                          if (frame.release()) {
                            released.incrementAndGet();
                          }
                        });
                  }
                }
              } catch (IllegalStateException closed) {
                // the stream was closed under the consumer: expected exit
              }
            },
            "consumer");
    consumer.start();
    assertThat(flowing.await(10, TimeUnit.SECONDS)).isTrue();
    camera.close();
    consumer.join(TimeUnit.SECONDS.toMillis(10));
    releasers.shutdown();
    assertThat(releasers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(consumer.isAlive()).isFalse();
    assertThat(released.get()).isEqualTo(popped.get());
  }

  private static void popAndDrop(Stream stream) {
    assertThat(stream.pop(Duration.ofSeconds(5))).isPresent();
  }
}
