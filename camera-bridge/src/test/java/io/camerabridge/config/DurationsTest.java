package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "500ms, 500000000",
    "5s, 5000000000",
    "1.5s, 1500000000",
    "2m, 120000000000",
    "2min, 120000000000",
    "1h, 3600000000000",
    "1d, 86400000000000",
    "250us, 250000",
    "250µs, 250000",
    "100ns, 100",
    "PT5S, 5000000000",
    "pt0.5s, 500000000",
    "' 10 ms ', 10000000"
  })
  void parsesUnitsAndIso(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @CsvSource({
    "5, '''5'' has no unit: write 5s or 5ms'",
    "-5s, '''-5s'' is negative: durations must be 0 or more'",
    "5 sec, '''5 sec'' is not a duration: write a number and a unit (ns, us, ms, s, m, h, d),"
        + " e.g. 500ms, 5s, 2m, or ISO-8601 like PT5S'",
    "PTX, '''PTX'' is not an ISO-8601 duration: write e.g. PT5S, PT0.5S or simply 5s'",
    "'', 'a duration is required: write e.g. 5s, 500ms or 2m'"
  })
  void explainsBadInput(String text, String message) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "5000000000, 5s", "500000000, 500ms", "120000000000, 2m", "1500, 1500ns"})
  void formatsShortestExactUnit(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }
}
