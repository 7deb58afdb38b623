package io.camerabridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.pekat.RawLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PreviewImageTest {

  @Test
  void bayerRg8IsDebayeredBlockByBlock() {
    // Every 2x2 block: R=200, G=100 and 50 (mean 75), B=10.
    int w = 8;
    int h = 4;
    ByteBuffer p = ByteBuffer.allocateDirect(w * h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (y % 2 == 0) ? (x % 2 == 0 ? 200 : 100) : (x % 2 == 0 ? 50 : 10);
        p.put(y * w + x, (byte) v);
      }
    }

    BufferedImage image = PreviewImage.scale(p, w, h, RawLayout.BAYER_RG8, 640);

    assertThat(image.getWidth()).isEqualTo(8);
    assertThat(image.getRGB(3, 1) & 0xffffff).isEqualTo(200 << 16 | 75 << 8 | 10);
  }

  @Test
  void bgr8KeepsItsColoursAndGray8IsGrey() {
    ByteBuffer bgr = ByteBuffer.allocateDirect(3);
    bgr.put(0, (byte) 1).put(1, (byte) 2).put(2, (byte) 3);
    assertThat(PreviewImage.scale(bgr, 1, 1, RawLayout.BGR8, 640).getRGB(0, 0) & 0xffffff)
        .isEqualTo(3 << 16 | 2 << 8 | 1);
    ByteBuffer gray = ByteBuffer.allocateDirect(1);
    gray.put(0, (byte) 0x80);
    assertThat(PreviewImage.scale(gray, 1, 1, RawLayout.GRAY8, 640).getRGB(0, 0) & 0xffffff)
        .isEqualTo(0x808080);
  }

  @Test
  void largeFramesAreScaledToAtMost640WideKeepingTheAspect() throws Exception {
    ByteBuffer p = ByteBuffer.allocateDirect(1920 * 1200);

    BufferedImage image = PreviewImage.scale(p, 1920, 1200, RawLayout.BAYER_RG8, 640);
    byte[] jpeg = PreviewImage.jpeg(image);

    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(400);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(decoded.getWidth()).isEqualTo(640);
    assertThat(PreviewImage.shrink(image, 320).getWidth()).isEqualTo(320);
  }
}
