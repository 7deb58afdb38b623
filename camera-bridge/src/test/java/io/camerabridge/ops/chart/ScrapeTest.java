package io.camerabridge.ops.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.metrics.ExchangeOutcome;
import io.camerabridge.metrics.FrameMetrics;
import org.junit.jupiter.api.Test;

class ScrapeTest {

  @Test
  void rateAndQuantileMatchWhatWasRecorded() {
    try (BridgeMetrics metrics = new BridgeMetrics()) {
      FrameMetrics top = metrics.forCamera("top");
      Scrape before = Scrape.parse(0, metrics.registry().scrape());
      for (int i = 1; i <= 100; i++) {
        top.frameAcquired();
        top.recordExchange(ExchangeOutcome.OK, 1, 1, i * 1_000_000L); // 1..100 ms
      }
      top.recordExchange(ExchangeOutcome.TIMEOUT, 1, 1, 5_000_000_000L);
      Scrape after = Scrape.parse(10, metrics.registry().scrape());

      assertThat(Scrape.rate(before, after, "camerabridge_frames_acquired_total", s -> true))
          .isEqualTo(10.0);
      assertThat(
              Scrape.rate(
                  before, after, "camerabridge_results_total", s -> s.contains("outcome=\"ok\"")))
          .isEqualTo(10.0);
      double p50 =
          Scrape.quantile(
              0.5,
              before,
              after,
              "camerabridge_frame_end_to_end_seconds_bucket",
              s -> s.contains("outcome=\"ok\""));
      assertThat(p50).isCloseTo(0.050, within(0.01));
      assertThat(
              Scrape.quantile(
                  0.5, after, after, "camerabridge_frame_end_to_end_seconds_bucket", s -> true))
          .isNaN();
    }
  }
}
