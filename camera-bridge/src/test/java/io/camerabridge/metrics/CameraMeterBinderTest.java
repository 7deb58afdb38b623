package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CameraMeterBinderTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MetricsFixtures.Camera camera = new MetricsFixtures.Camera();
  private final AtomicLong clock = new AtomicLong();

  @Test
  void gaugesReadTheCurrentStateAtScrapeTime() {
    new CameraMeterBinder("side", camera.gauges(), clock::get).bindTo(registry);
    camera.inFlight.set(2);
    camera.freeBuffers.set(6);
    camera.connected = true;
    camera.lastFrameAge = 0.25;
    camera.framesCopied.set(3);
    camera.analyzerRetries.set(1);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("camerabridge_frames_in_flight{camera=\"side\"} 2")
        .contains("camerabridge_buffers_free{camera=\"side\"} 6")
        .contains("camerabridge_camera_connected{camera=\"side\"} 1")
        .contains("camerabridge_last_frame_age_seconds{camera=\"side\"} 0.25")
        .contains("camerabridge_analyzer_reachable{camera=\"side\"} 0")
        .contains("camerabridge_frames_copied_total{camera=\"side\"} 3")
        .contains("camerabridge_analyzer_retries_total{camera=\"side\"} 1");

    camera.connected = false;
    assertThat(registry.scrape()).contains("camerabridge_camera_connected{camera=\"side\"} 0");
  }

  @Test
  void streamStatisticsAreReadOnceForAllThreeCountersOfAScrape() {
    new CameraMeterBinder("side", camera.gauges(), clock::get).bindTo(registry);
    camera.statistics = new StreamStatistics(3, 40, 1);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("camerabridge_stream_missing_packets_total{camera=\"side\"} 3")
        .contains("camerabridge_stream_resent_packets_total{camera=\"side\"} 40")
        .contains("camerabridge_stream_underruns_total{camera=\"side\"} 1");
    assertThat(camera.statisticsReads.get()).isEqualTo(1);

    camera.statistics = new StreamStatistics(5, 41, 1);
    clock.addAndGet(CameraMeterBinder.STATISTICS_MAX_AGE_NANOS);
    assertThat(registry.scrape())
        .contains("camerabridge_stream_missing_packets_total{camera=\"side\"} 5");
    assertThat(camera.statisticsReads.get()).isEqualTo(2);
  }

  @Test
  void nullStatisticsReadAsZero() {
    CameraGauges gauges = camera.gauges();
    CameraGauges withNull =
        new CameraGauges(
            gauges.framesInFlight(),
            gauges.freeBuffers(),
            gauges.connected(),
            gauges.lastFrameAgeSeconds(),
            gauges.analyzerReachable(),
            () -> null,
            gauges.framesCopied(),
            gauges.analyzerRetries());
    new CameraMeterBinder("side", withNull, clock::get).bindTo(registry);
    assertThat(registry.scrape())
        .contains("camerabridge_stream_underruns_total{camera=\"side\"} 0");
  }
}
