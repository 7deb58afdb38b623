package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.bindings.aravis.fake.FakeU3v;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chunk data through Aravis's own U3V stream and chunk parser: fake-u3v's CBUSB3 sends its frames
 * as a chunk list once ChunkModeActive is set (the {@code fake-u3v-in-process} execution makes it
 * this JVM's libusb). The values must be what the camera was set to and what the frame's leader
 * says, and the pixels in front of the chunks must still be the test pattern.
 */
@Tag("fake-u3v")
class Usb3ChunksTest {
  private static final String CAMERA = FakeU3v.VENDOR + "-CB0000000003-CBUSB3";
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  @BeforeAll
  static void thisJvmUsesFakeU3v() {
    assertThat(System.getenv("LD_LIBRARY_PATH"))
        .as("LD_LIBRARY_PATH of a JVM started by the fake-u3v test execution")
        .contains(FakeU3v.libraryDirectory().getFileName().toString());
  }

  @Test
  void everyFrameCarriesTheEnabledChunksWithTheCameraSettings() {
    try (Camera camera = Camera.open(CAMERA)) {
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, WIDTH, HEIGHT));
      camera.image().setFrameRate(50);
      CameraFeatures f = camera.features();
      f.setFloat("ExposureTime", 2500.0);
      f.setFloat("Gain", 3.5);
      enableChunks(f, "Timestamp", "ExposureTime", "Gain", "FrameID");
      // The pixels, the Image chunk's [id, length], then 4 values of 8 bytes with theirs.
      assertThat(camera.payloadSize()).isEqualTo(WIDTH * HEIGHT + 8 + 4 * 16);
      List<Long> ids = new ArrayList<>();
      try (ChunkParser parser = camera.createChunkParser();
          Stream stream = camera.createStream(StreamOptions.builder().bufferCount(4).build())) {
        camera.startAcquisition();
        while (ids.size() < 5) {
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(frame.status()).isEqualTo(BufferStatus.SUCCESS);
            assertThat(frame.hasChunks()).isTrue();
            assertThat(frame.width()).isEqualTo(WIDTH);
            assertThat(frame.size()).isEqualTo(WIDTH * HEIGHT + 8 + 4 * 16);
            assertThat(parser.integerValue(frame, "ChunkFrameID")).isEqualTo(frame.frameId());
            assertThat(parser.integerValue(frame, "ChunkTimestamp"))
                .isEqualTo(frame.timestampNanos());
            assertThat(parser.floatValue(frame, "ChunkExposureTime")).isEqualTo(2500.0);
            assertThat(parser.floatValue(frame, "ChunkGain")).isEqualTo(3.5);
            ByteBuffer pixels = frame.data().limit(WIDTH * HEIGHT);
            Usb3StreamingTest.assertPattern(pixels, WIDTH, HEIGHT, 0, 0, frame.frameId());
            ids.add(frame.frameId());
          }
        }
        camera.stopAcquisition();
      } finally {
        f.setBoolean("ChunkModeActive", false);
      }
      assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void aChunkTheFrameLacksAndAFrameWithoutChunksAreClearErrors() {
    try (Camera camera = Camera.open(CAMERA)) {
      camera.image().setPixelFormat(PixelFormat.MONO8);
      camera.image().setRegion(new Region(0, 0, WIDTH, HEIGHT));
      CameraFeatures f = camera.features();
      enableChunks(f, "FrameID");
      f.setString("ChunkSelector", "Gain");
      f.setBoolean("ChunkEnable", false);
      try (ChunkParser parser = camera.createChunkParser()) {
        try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(2).build())) {
          camera.startAcquisition();
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(parser.integerValue(frame, "ChunkFrameID")).isEqualTo(frame.frameId());
            assertThatThrownBy(() -> parser.floatValue(frame, "ChunkGain"))
                .isInstanceOf(AravisException.class)
                .hasMessageContaining("Camera " + CAMERA + ": reading ChunkGain from frame")
                .hasMessageContaining("not found");
            assertThatThrownBy(() -> parser.floatValue(frame, "ChunkFrameID"))
                .isInstanceOf(AravisException.class)
                .hasMessageContaining("ChunkFrameID");
          }
          camera.stopAcquisition();
        }
        f.setBoolean("ChunkModeActive", false);
        assertThat(camera.payloadSize()).isEqualTo(WIDTH * HEIGHT);
        try (Stream stream = camera.createStream(StreamOptions.builder().bufferCount(2).build())) {
          camera.startAcquisition();
          try (ArvFrame frame = stream.pop(Duration.ofSeconds(10)).orElseThrow()) {
            assertThat(frame.hasChunks()).isFalse();
            assertThatThrownBy(() -> parser.integerValue(frame, "ChunkFrameID"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                    "Camera " + CAMERA + ": frame " + frame.frameId() + " carries no chunk data");
          }
          camera.stopAcquisition();
        }
      } finally {
        f.setBoolean("ChunkModeActive", false);
      }
    }
  }

  private static void enableChunks(CameraFeatures f, String... chunks) {
    f.setBoolean("ChunkModeActive", true);
    for (String chunk : chunks) {
      f.setString("ChunkSelector", chunk);
      f.setBoolean("ChunkEnable", true);
    }
  }
}
