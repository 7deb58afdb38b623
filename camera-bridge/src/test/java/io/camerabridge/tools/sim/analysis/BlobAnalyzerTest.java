package io.camerabridge.tools.sim.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlobAnalyzerTest {
  private final BlobAnalyzer analyzer = new BlobAnalyzer(200);

  private static byte[] dark(int width, int height, int bpp) {
    byte[] pixels = new byte[width * height * bpp];
    Arrays.fill(pixels, (byte) 30);
    return pixels;
  }

  private static void fill(byte[] pixels, int width, int bpp, int x, int y, int w, int h, int v) {
    for (int row = y; row < y + h; row++) {
      Arrays.fill(pixels, (row * width + x) * bpp, (row * width + x + w) * bpp, (byte) v);
    }
  }

  private Analysis analyze(int width, int height, RawLayout layout, byte[] pixels) {
    return analyzer.analyze(Frame.of(width, height, layout, Unpooled.wrappedBuffer(pixels)));
  }

  @Test
  void cellAlignedSquareBecomesExactlyThatRectangle() {
    byte[] pixels = dark(64, 48, 1);
    fill(pixels, 64, 1, 16, 8, 24, 16, 255);

    Analysis a = analyze(64, 48, RawLayout.GRAY8, pixels);

    assertThat(a.regions()).containsExactly(new Region(16, 8, 24, 16, 255));
    assertThat(a.ok()).isFalse();
    assertThat(a.score()).isEqualTo(1.0);
  }

  @Test
  void separateRegionsAreReportedInScanOrderAndDiagonalsConnect() {
    byte[] pixels = dark(64, 64, 1);
    fill(pixels, 64, 1, 40, 0, 8, 8, 255); // top right
    fill(pixels, 64, 1, 0, 32, 8, 8, 255); // left, then its diagonal neighbour:
    fill(pixels, 64, 1, 8, 40, 8, 8, 255);

    Analysis a = analyze(64, 64, RawLayout.GRAY8, pixels);

    assertThat(a.regions())
        .extracting(r -> Arrays.asList(r.x(), r.y(), r.width(), r.height()))
        .containsExactly(Arrays.asList(40, 0, 8, 8), Arrays.asList(0, 32, 16, 16));
  }

  @Test
  void thresholdIsInclusiveOnTheCellMean() {
    byte[] pixels = dark(16, 8, 1);
    fill(pixels, 16, 1, 0, 0, 8, 8, 200);
    fill(pixels, 16, 1, 8, 0, 8, 8, 199);

    Analysis a = analyze(16, 8, RawLayout.GRAY8, pixels);

    assertThat(a.regions()).containsExactly(new Region(0, 0, 8, 8, 200));
  }

  @Test
  void halfBrightCellIsNotADefect() {
    byte[] pixels = dark(8, 8, 1);
    fill(pixels, 8, 1, 0, 0, 4, 8, 255);

    assertThat(analyze(8, 8, RawLayout.GRAY8, pixels).ok()).isTrue();
  }

  @Test
  void cutCellsAtTheEdgesAverageOnlyThePixelsTheyHave() {
    byte[] pixels = dark(21, 11, 1);
    fill(pixels, 21, 1, 16, 8, 5, 3, 255);

    Analysis a = analyze(21, 11, RawLayout.GRAY8, pixels);

    assertThat(a.cellsWide()).isEqualTo(3);
    assertThat(a.cellsHigh()).isEqualTo(2);
    assertThat(a.regions()).containsExactly(new Region(16, 8, 5, 3, 255));
  }

  @Test
  void bgrIntensityIsTheMeanOfTheThreeChannels() {
    byte[] pixels = dark(16, 8, 3);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        pixels[(y * 16 + x) * 3] = (byte) 255; // blue 255 on dark: (255+30+30)/3, not a defect
      }
    }
    fill(pixels, 16, 3, 8, 0, 8, 8, 240);

    Analysis a = analyze(16, 8, RawLayout.BGR8, pixels);

    assertThat(a.cellMeans()).containsExactly((255 + 30 + 30) / 3, 240);
    assertThat(a.regions()).containsExactly(new Region(8, 0, 8, 8, 240));
  }

  @Test
  void bayerCellsAverageTheirPhotosites() {
    byte[] mosaic = new byte[16 * 8];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        boolean green = (x + y) % 2 == 1;
        // Left cell: pure green scene (G = 255, R = B = 0): intensity 127.
        // Right cell: white scene: 255.
        mosaic[y * 16 + x] = (byte) (x >= 8 ? 255 : green ? 255 : 0);
      }
    }

    Analysis a = analyze(16, 8, RawLayout.BAYER_RG8, mosaic);

    assertThat(a.cellMeans()).containsExactly(127, 255);
    assertThat(a.regions()).containsExactly(new Region(8, 0, 8, 8, 255));
  }

  @Test
  void compositeBuffersGiveTheSameAnswerAsOneBuffer() {
    byte[] pixels = dark(40, 16, 3);
    fill(pixels, 40, 3, 8, 8, 16, 8, 250);
    CompositeByteBuf composite = Unpooled.compositeBuffer();
    for (int off = 0; off < pixels.length; off += 37) {
      composite.addComponent(
          true, Unpooled.wrappedBuffer(pixels, off, Math.min(37, pixels.length - off)));
    }

    Analysis whole = analyze(40, 16, RawLayout.BGR8, pixels);
    Analysis pieces = analyzer.analyze(Frame.of(40, 16, RawLayout.BGR8, composite));

    assertThat(pieces.regions()).isEqualTo(whole.regions()).hasSize(1);
    assertThat(pieces.cellMeans()).isEqualTo(whole.cellMeans());
    composite.release();
  }

  @Test
  void byteSumAddsAllEightBytes() {
    assertThat(BlobAnalyzer.byteSum(-1L)).isEqualTo(8 * 255);
    assertThat(BlobAnalyzer.byteSum(0x0102030405060708L)).isEqualTo(36);
    assertThat(BlobAnalyzer.byteSum(0L)).isZero();
  }

  @Test
  void regionsAreCappedForNoisyImages() {
    int size = 8 * 40;
    byte[] pixels = dark(size, size, 1);
    for (int cy = 0; cy < 40; cy += 2) {
      for (int cx = 0; cx < 40; cx += 2) {
        fill(pixels, size, 1, cx * 8, cy * 8, 8, 8, 255);
      }
    }

    Analysis a = analyze(size, size, RawLayout.GRAY8, pixels);

    assertThat(a.regions()).hasSize(BlobAnalyzer.MAX_REGIONS);
  }

  @Test
  void heatRisesFromHalfTheThresholdToTheThreshold() {
    Analysis a = new Analysis(8, 4, 1, new int[] {0, 100, 150, 255}, 200, java.util.List.of());

    assertThat(a.heat(0)).isZero();
    assertThat(a.heat(1)).isZero();
    assertThat(a.heat(2)).isEqualTo(0.5);
    assertThat(a.heat(3)).isEqualTo(1.0);
  }

  @Test
  void frameRejectsABufferOfTheWrongSize() {
    ByteBuf buf = Unpooled.wrappedBuffer(new byte[10]);

    assertThatThrownBy(() -> Frame.of(4, 4, RawLayout.GRAY8, buf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16");
  }
}
