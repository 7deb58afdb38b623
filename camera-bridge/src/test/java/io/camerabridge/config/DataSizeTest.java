package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSizeTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1048576, 1048576",
    "1024B, 1024",
    "512KiB, 524288",
    "4MiB, 4194304",
    "2GiB, 2147483648",
    "1TiB, 1099511627776",
    "1.5KiB, 1536",
    "4MB, 4000000",
    "1kB, 1000",
    "'16 MiB', 16777216"
  })
  void parsesUnits(String text, long bytes) {
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({
    "4 megs, '''4 megs'' is not a size: write a number and a unit (B, KiB, MiB, GiB, TiB, or kB,"
        + " MB, GB, TB), e.g. 4MiB, or a plain number of bytes'",
    "-1MiB, '''-1MiB'' is negative: sizes must be 0 or more'",
    "99999999999TiB, '''99999999999TiB'' is too large a size'"
  })
  void explainsBadInput(String text, String message) {
    assertThatThrownBy(() -> DataSize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"4194304, 4MiB", "1000, 1000B", "0, 0B", "1536, 1536B", "2147483648, 2GiB"})
  void printsShortestExactForm(long bytes, String text) {
    assertThat(DataSize.ofBytes(bytes)).hasToString(text);
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }
}
