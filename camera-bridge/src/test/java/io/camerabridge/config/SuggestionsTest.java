package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> CAMERA_KEYS =
      List.of("pixelFormat", "frameRate", "frameTimeout", "exposure", "buffers", "dir", "device");

  @ParameterizedTest
  @CsvSource({
    "pixelformat, pixelFormat",
    "PixelFormat, pixelFormat",
    "framerate, frameRate",
    "frameTimout, frameTimeout",
    "exposureTme, exposure",
    "dri, dir",
    "bufers, buffers",
    "devcie, device"
  })
  void suggestsTheIntendedKey(String typo, String intended) {
    assertThat(Suggestions.closest(typo, CAMERA_KEYS)).contains(intended);
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("port", CAMERA_KEYS)).isEmpty();
    assertThat(Suggestions.closest("x", List.of("yz"))).isEmpty();
  }

  @Test
  void countsASwapOfNeighboursAsOneEdit() {
    assertThat(Suggestions.distance("dri", "dir")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }
}
