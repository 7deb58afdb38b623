package io.camerabridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.pekat.RawLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NgImageSaverTest {
  private final LongAdder failures = new LongAdder();

  @TempDir Path dir;

  @Test
  void savesRawBayerFrameAsDecodablePngAndReleasesOnce() throws IOException {
    int w = 64;
    int h = 48;
    ByteBuffer bayer = ByteBuffer.allocateDirect(w * h);
    for (int i = 0; i < w * h; i++) {
      bayer.put(i, (byte) (i % 7 == 0 ? 200 : 10));
    }
    AtomicInteger released = new AtomicInteger();
    NgImageSaver saver = new NgImageSaver(dir, "cam", 1 << 20, failures::increment);
    saver.saveRaw(7, Instant.EPOCH, bayer, w, h, RawLayout.BAYER_RG8, released::incrementAndGet);
    saver.close(Duration.ofSeconds(10));

    assertThat(released).hasValue(1);
    List<Path> pngs = list();
    assertThat(pngs).hasSize(1);
    assertThat(pngs.get(0).getFileName().toString()).startsWith("cam-").endsWith("-7.png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(pngs.get(0))));
    assertThat(image.getWidth()).isEqualTo(w);
    assertThat(image.getHeight()).isEqualTo(h);
    assertThat(failures.sum()).isZero();
  }

  @Test
  void diskCapDeletesOldestFirst() throws IOException {
    byte[] png = new byte[1000];
    NgImageSaver saver = new NgImageSaver(dir, "cam", 3500, failures::increment);
    for (int i = 0; i < 6; i++) {
      saver.savePng(i, Instant.ofEpochSecond(i), png);
      String name = "-" + i + ".png";
      // One at a time: the saver's queue is deliberately tiny.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> list().stream().anyMatch(p -> p.toString().endsWith(name)));
    }
    saver.close(Duration.ofSeconds(10));
    assertThat(list())
        .extracting(p -> p.getFileName().toString())
        .allMatch(n -> n.endsWith("-3.png") || n.endsWith("-4.png") || n.endsWith("-5.png"))
        .hasSize(3);
  }

  @Test
  void aCamerasDiskCapNeverTouchesAnotherCamerasImagesWhoseIdItPrefixes() throws IOException {
    byte[] png = new byte[1000];
    NgImageSaver side = new NgImageSaver(dir, "line1-side", 1 << 20, failures::increment);
    for (int i = 0; i < 3; i++) {
      saveAndWait(side, "line1-side-", i, png);
    }
    side.close(Duration.ofSeconds(10));

    NgImageSaver line1 = new NgImageSaver(dir, "line1", 2500, failures::increment);
    for (int i = 10; i < 14; i++) {
      saveAndWait(line1, "line1-", i, png);
    }
    line1.close(Duration.ofSeconds(10));

    List<String> names = list().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(names.stream().filter(n -> n.startsWith("line1-side-"))).hasSize(3);
    assertThat(names.stream().filter(n -> !n.startsWith("line1-side-")))
        .hasSize(2)
        .allMatch(n -> n.endsWith("-12.png") || n.endsWith("-13.png"));
  }

  private void saveAndWait(NgImageSaver saver, String prefix, int frameId, byte[] png) {
    saver.savePng(frameId, Instant.ofEpochSecond(frameId), png);
    String suffix = "-" + frameId + ".png";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                list().stream()
                    .map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith(prefix) && n.endsWith(suffix)));
  }

  @Test
  void unwritableDirectoryIsCounted() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    NgImageSaver saver =
        new NgImageSaver(blocker.resolve("ng"), "cam", 1 << 20, failures::increment);
    saver.savePng(1, Instant.EPOCH, new byte[10]);
    saver.close(Duration.ofSeconds(10));
    assertThat(failures.sum()).isEqualTo(1);
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
  }
}
