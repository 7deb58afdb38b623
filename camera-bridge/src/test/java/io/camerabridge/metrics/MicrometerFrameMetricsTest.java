package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerFrameMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FrameMetrics metrics = new MicrometerFrameMetrics(registry, "top");

  @Test
  void countsFramesDropsReconnectsAndWriteFailures() {
    metrics.frameAcquired();
    metrics.frameAcquired();
    metrics.frameDropped(DropReason.ANALYZER_BUSY);
    metrics.cameraReconnected();
    metrics.writeFailed(WriteTarget.NG_IMAGE);

    assertThat(count("camerabridge.frames.acquired")).isEqualTo(2);
    assertThat(
            registry
                .get("camerabridge.frames.dropped")
                .tags("camera", "top", "reason", "analyzer_busy")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("camerabridge.frames.dropped")
                .tags("reason", "shutdown")
                .counter()
                .count())
        .as("every reason is registered up front, so Prometheus sees zeros")
        .isZero();
    assertThat(count("camerabridge.camera.reconnects")).isEqualTo(1);
    assertThat(
            registry
                .get("camerabridge.write.failures")
                .tags("target", "ng_image")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void incompleteFramesAreCountedByNormalisedAravisStatus() {
    metrics.frameIncomplete("ARV_BUFFER_STATUS_MISSING_PACKETS");
    metrics.frameIncomplete("missing_packets");
    metrics.frameIncomplete("TIMEOUT");
    metrics.frameIncomplete("frame 4711 exploded");
    metrics.frameIncomplete(null);

    assertThat(incomplete("missing_packets")).isEqualTo(2);
    assertThat(incomplete("timeout")).isEqualTo(1);
    assertThat(incomplete("other"))
        .as("unknown statuses share one series so the tag stays bounded")
        .isEqualTo(2);
    assertThat(registry.find("camerabridge.frames.incomplete").counters()).hasSize(10);
  }

  @Test
  void exchangeRecordsResultAndEveryMeasuredStageUnderItsOutcome() {
    metrics.recordExchange(ExchangeOutcome.OK, 2_000_000, 30_000_000, 40_000_000);
    metrics.recordExchange("ng", 3_000_000, 20_000_000, 30_000_000);
    metrics.recordExchange(
        ExchangeOutcome.CONNECT_FAILED,
        FrameMetrics.NOT_MEASURED,
        FrameMetrics.NOT_MEASURED,
        5_000_000);

    assertThat(result("ok")).isEqualTo(1);
    assertThat(result("ng")).isEqualTo(1);
    assertThat(result("connect_failed")).isEqualTo(1);
    assertThat(result("timeout")).isZero();

    Timer okUpload = timer("camerabridge.frame.upload", "ok");
    assertThat(okUpload.count()).isEqualTo(1);
    assertThat(okUpload.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
    assertThat(timer("camerabridge.frame.analysis", "ng").totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(20.0);
    assertThat(timer("camerabridge.frame.end.to.end", "connect_failed").count()).isEqualTo(1);
    assertThat(registry.find("camerabridge.frame.upload").tag("outcome", "connect_failed").timer())
        .as("a stage the exchange never reached is not recorded")
        .isNull();
  }

  @Test
  void frameWaitAndSizeIgnoreImpossibleValues() {
    metrics.frameWaited(1_500_000);
    metrics.frameWaited(-7);
    metrics.frameSize(5 << 20);
    metrics.frameSize(-1);

    Timer wait = registry.get("camerabridge.frame.wait").timer();
    assertThat(wait.count()).isEqualTo(1);
    assertThat(wait.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(1500.0);
    assertThat(registry.get("camerabridge.frame.size").summary().totalAmount()).isEqualTo(5 << 20);
  }

  @Test
  void hotPathRegistersNothingNewAfterFirstUse() {
    metrics.recordExchange(ExchangeOutcome.OK, 1, 1, 1);
    List<Meter> before = registry.getMeters();
    for (int i = 0; i < 1000; i++) {
      metrics.frameAcquired();
      metrics.frameWaited(i);
      metrics.frameSize(i);
      metrics.recordExchange(ExchangeOutcome.OK, i, i, i);
    }
    assertThat(registry.getMeters()).hasSameSizeAs(before);
  }

  @Test
  void unknownOutcomeNameIsRejectedWithTheValidNames() {
    assertThatThrownBy(() -> metrics.recordExchange("great", 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("great")
        .hasMessageContaining("malformed_response");
  }

  @Test
  void clientBusyOutcomeCountsAsADropNotAnExchange() {
    metrics.recordExchange("busy", 1, 1, 1);
    metrics.recordExchange("no_verdict", 1, 2, 3);

    assertThat(
            registry
                .get("camerabridge.frames.dropped")
                .tag("reason", "analyzer_busy")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(result("no_verdict")).isEqualTo(1);
    assertThat(registry.find("camerabridge.results").tag("outcome", "busy").counter()).isNull();
  }

  @Test
  void twoRecordersForOneCameraShareMeters() {
    FrameMetrics again = new MicrometerFrameMetrics(registry, "top");
    metrics.frameAcquired();
    again.frameAcquired();
    assertThat(count("camerabridge.frames.acquired")).isEqualTo(2);
  }

  @Test
  void blankCameraIdIsRejected() {
    assertThatThrownBy(() -> new MicrometerFrameMetrics(registry, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("camera id");
  }

  @Test
  void noopRecorderAcceptsEverything() {
    FrameMetrics noop = FrameMetrics.noop();
    noop.frameAcquired();
    noop.recordExchange("timeout", 1, 2, 3);
    noop.frameDropped(DropReason.SHUTDOWN);
    assertThat(registry.getMeters()).allMatch(m -> !m.getId().getTag("camera").equals("noop"));
  }

  private double count(String name) {
    return registry.get(name).tag("camera", "top").counter().count();
  }

  private double incomplete(String status) {
    return registry.get("camerabridge.frames.incomplete").tag("status", status).counter().count();
  }

  private double result(String outcome) {
    return registry.get("camerabridge.results").tag("outcome", outcome).counter().count();
  }

  private Timer timer(String name, String outcome) {
    return registry.get(name).tags("camera", "top", "outcome", outcome).timer();
  }
}
