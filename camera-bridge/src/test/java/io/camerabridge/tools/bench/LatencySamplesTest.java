package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void percentilesUseTheNearestRank() {
    LatencySamples samples = new LatencySamples(4);
    for (int ms = 1000; ms >= 1; ms--) {
      samples.record(ms * 1_000_000L);
    }

    LatencySamples.Percentiles p = samples.percentiles();

    assertThat(p.p50()).isEqualTo(500.0);
    assertThat(p.p99()).isEqualTo(990.0);
    assertThat(p.p999()).isEqualTo(999.0);
    assertThat(p.max()).isEqualTo(1000.0);
  }

  @Test
  void mergingKeepsEverySample() {
    LatencySamples a = new LatencySamples(1);
    LatencySamples b = new LatencySamples(1);
    a.record(1);
    b.record(2);
    b.record(3);

    a.addAll(b);

    assertThat(a.count()).isEqualTo(3);
  }

  @Test
  void noSamplesGiveNotANumber() {
    assertThat(new LatencySamples(1).percentiles().p50()).isNaN();
  }
}
