package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BridgeMetricsTest {

  @Test
  void scrapeShowsEveryCataloguedMeterUnderItsDocumentedNameAndJvmMeters() {
    try (BridgeMetrics metrics = new BridgeMetrics()) {
      FrameMetrics top = metrics.forCamera("top");
      metrics.bindCamera("top", MetricsFixtures.gauges());
      metrics.bindWatchdog("top", () -> 0);
      MetricsFixtures.registerOutputMeters(metrics.registry());
      metrics.bindCameraFeatures("top", java.util.Map.of("DeviceTemperature", () -> 41.5));
      top.frameAcquired();
      top.frameWaited(1_000_000);
      top.frameSize(1 << 20);
      top.recordExchange(ExchangeOutcome.OK, 1_000_000, 10_000_000, 12_000_000);

      String scrape = metrics.registry().scrape();
      for (MeterSpec meter : MeterSpec.all()) {
        String name = MeterCatalogue.prometheusName(meter);
        String series =
            meter.type() == io.micrometer.core.instrument.Meter.Type.TIMER
                    || meter.type() == io.micrometer.core.instrument.Meter.Type.DISTRIBUTION_SUMMARY
                ? name + "_bucket{"
                : name + "{";
        // A meter without tags (server-wide, e.g. OPC UA sessions) is scraped without braces.
        String bare = meter.tagKeys().isEmpty() ? name + " " : series;
        assertThat(scrape.contains(series) || scrape.contains(bare))
            .as("%s is scraped as %s", meter, series)
            .isTrue();
      }
      assertThat(scrape).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    }
  }

  @Test
  void cameraTagIsCappedAgainstUnboundedValues() {
    try (BridgeMetrics metrics = new BridgeMetrics()) {
      for (int i = 0; i < BridgeMetrics.MAX_CAMERAS + 10; i++) {
        metrics.forCamera("camera-" + i).frameAcquired();
      }
      assertThat(metrics.registry().find("camerabridge.frames.acquired").counters())
          .hasSize(BridgeMetrics.MAX_CAMERAS);
    }
  }

  @Test
  void closeIsIdempotent() {
    BridgeMetrics metrics = new BridgeMetrics();
    metrics.close();
    metrics.close();
    assertThat(metrics.registry().isClosed()).isTrue();
  }
}
