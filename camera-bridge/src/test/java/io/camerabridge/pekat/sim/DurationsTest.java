package io.camerabridge.pekat.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesNumbersWithUnitsAndIso8601() {
    assertThat(Durations.parse("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("0")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"20", "ms", "-5ms", "5 parsecs", "PT-5S", ""})
  void rejectsTextWithoutAValidUnitOrNegative(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.isEmpty() ? "duration" : text);
  }

  @Test
  void formatsTheWayItParses() {
    for (String text : new String[] {"20ms", "5s", "1500ms", "250us", "0ms"}) {
      assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
  }

  @Test
  void latencyIsFixedOrARange() {
    assertThat(Latency.parse("20ms")).isEqualTo(Latency.fixed(Duration.ofMillis(20)));
    Latency range = Latency.parse("10ms..40ms");
    assertThat(range.min()).isEqualTo(Duration.ofMillis(10));
    assertThat(range.max()).isEqualTo(Duration.ofMillis(40));
    assertThat(range).hasToString("10ms..40ms");
    for (int i = 0; i < 100; i++) {
      assertThat(range.sample()).isBetween(Duration.ofMillis(10), Duration.ofMillis(40));
    }
    assertThatThrownBy(() -> Latency.parse("40ms..10ms")).hasMessageContaining("min <= max");
  }
}
