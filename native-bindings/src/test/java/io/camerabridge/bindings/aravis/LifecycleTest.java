package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening, streaming and closing many times leaves neither threads nor native memory behind. */
class LifecycleTest {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleTest.class);
  private static final int WARM_UP = 20;
  private static final int CYCLES = 200;
  // Each cycle allocates 4 x 256 KiB of frame buffers: a leak of them alone would be 200 MiB.
  private static final long RSS_MARGIN_KIB = 48 * 1024;
  private static final int THREAD_MARGIN = 4;

  @BeforeAll
  static void enableFake() {
    Devices.enableFakeInterface();
  }

  @Test
  void twoHundredOpenStreamCloseCyclesStayFlat() {
    for (int i = 0; i < WARM_UP; i++) {
      cycle(i);
    }
    System.gc();
    int threadsBefore = NativeThreads.names().size();
    long rssBefore = NativeThreads.residentKib();

    for (int i = 0; i < CYCLES; i++) {
      cycle(i);
    }

    System.gc();
    int threadsAfter = NativeThreads.names().size();
    long rssAfter = NativeThreads.residentKib();
    LOG.info(
        "{} cycles: threads {} -> {}, VmRSS {} KiB -> {} KiB",
        CYCLES,
        threadsBefore,
        threadsAfter,
        rssBefore,
        rssAfter);
    assertThat(NativeThreads.aravisThreads()).isEmpty();
    assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + THREAD_MARGIN);
    assertThat(rssAfter - rssBefore).isLessThan(RSS_MARGIN_KIB);
  }

  private static void cycle(int i) {
    ArvFrame kept;
    try (Camera camera = Camera.open("Fake_1")) {
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, 512, 512));
      camera.image().setFrameRate(500);
      StreamOptions.Builder options = StreamOptions.builder().bufferCount(4);
      if (i % 2 == 1) {
        options.realtimePriority(5); // a JNA callback attached to Aravis's thread: must not leak
      }
      Stream stream = camera.createStream(options.build());
      camera.startAcquisition();
      for (int f = 0; f < 2; f++) {
        try (ArvFrame frame = stream.pop(Duration.ofSeconds(5)).orElseThrow()) {
          assertThat(frame.isComplete()).as("cycle %d frame %d", i, f).isTrue();
        }
      }
      // Every other cycle keeps a frame past close: it must be freed on release, not leaked.
      kept = i % 2 == 0 ? stream.pop(Duration.ofSeconds(5)).orElseThrow() : null;
    } // closing the camera closes the stream too
    if (kept != null) {
      assertThat(kept.release()).isTrue();
    }
  }
}
