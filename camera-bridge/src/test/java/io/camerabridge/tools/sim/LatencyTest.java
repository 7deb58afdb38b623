package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyTest {

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
