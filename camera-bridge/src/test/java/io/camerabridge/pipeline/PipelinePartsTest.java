package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small decision-makers of the pipeline, without a camera. */
class PipelinePartsTest {

  @Test
  void analyzerDownLetsOneProbeThroughPerInterval() {
    AnalyzerAvailability a = new AnalyzerAvailability(Duration.ofMillis(500));
    long t = 1_000_000_000L;
    assertThat(a.mayTry(t)).isTrue();
    a.unreachable(t);
    assertThat(a.isReachable()).isFalse();
    assertThat(a.mayTry(t + 100_000_000L)).isFalse();
    assertThat(a.mayTry(t + 500_000_000L)).as("probe").isTrue();
    assertThat(a.mayTry(t + 600_000_000L)).as("only one probe per interval").isFalse();
    a.reachable();
    assertThat(a.mayTry(t + 600_000_000L)).isTrue();
    assertThat(a.isReachable()).isTrue();
  }

  @Test
  void backoffDoublesToItsCapAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.next()).isEqualTo(Duration.ofSeconds(5));
    b.reset();
    assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void dataTemplateFillsCameraFrameIdAndTimestamp() {
    FrameView frame =
        new FrameView(
            ByteBuffer.allocateDirect(1),
            1,
            1,
            io.camerabridge.pekat.RawLayout.GRAY8,
            65401,
            0,
            1_700_000_000_123_000_000L,
            () -> {});
    assertThat(new DataTemplate("{camera}/{frameId}/{timestamp}").format("top", frame))
        .isEqualTo("top/65401/2023-11-14T22:13:20.123Z");
    assertThat(new DataTemplate("fixed").format("top", frame)).isEqualTo("fixed");
    assertThat(new DataTemplate("").format("top", frame)).isNull();
    assertThat(new DataTemplate(null).format("top", frame)).isNull();
    assertThat(new DataTemplate("{frameId}{camera}-{frameId}").format("top", frame))
        .isEqualTo("65401top-65401");
    assertThat(new DataTemplate("line 3: {camera}").format("top", frame)).isEqualTo("line 3: top");
    assertThat(new DataTemplate("{timestamp}").format("top", frame))
        .isEqualTo("2023-11-14T22:13:20.123Z");
  }

  @Test
  void statsReportPercentilesOfRecentLatencies() {
    PipelineStats stats = new PipelineStats();
    assertThat(stats.snapshot().p50Millis()).isNaN();
    for (int i = 1; i <= 100; i++) {
      stats.latency(i * 1_000_000L);
    }
    PipelineStats.Snapshot s = stats.snapshot();
    assertThat(s.p50Millis()).isEqualTo(50.0);
    assertThat(s.p99Millis()).isEqualTo(99.0);
  }
}
