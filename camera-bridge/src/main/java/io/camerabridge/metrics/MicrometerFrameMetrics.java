package io.camerabridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@link FrameMetrics} on a Micrometer registry for one camera. Counters are registered up front so
 * that Prometheus sees zeros rather than absent series; the per-outcome latency histograms, which
 * are large, are registered on first use. After that, every call is a field or array read.
 */
public final class MicrometerFrameMetrics implements FrameMetrics {

  /** Aravis buffer statuses other than success ({@code ArvBufferStatus} in arvbuffer.h). */
  static final String[] ARAVIS_FAILURE_STATUSES = {
    "unknown",
    "cleared",
    "timeout",
    "missing_packets",
    "wrong_packet_id",
    "size_mismatch",
    "filling",
    "aborted",
    "payload_not_supported"
  };

  static final String OTHER_STATUS = "other";

  private static final String ARAVIS_PREFIX = "arv_buffer_status_";

  private final MeterRegistry registry;
  private final Tags cameraTags;
  private final Counter acquired;
  private final Timer frameWait;
  private final DistributionSummary frameSize;
  private final Counter reconnects;
  private final Counter reconfigurations;
  private final Counter journalReopens;
  private final Counter chunksMissing;
  private final Counter[] dropped;
  private final Counter[] results;
  private final Counter[] writeFailures;
  private final Map<String, Counter> incompleteByStatus;
  private final AtomicReferenceArray<Timer> upload;
  private final AtomicReferenceArray<Timer> analysis;
  private final AtomicReferenceArray<Timer> endToEnd;

  /**
   * @param cameraId the camera's id from the configuration (a bounded tag value)
   */
  public MicrometerFrameMetrics(MeterRegistry registry, String cameraId) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.cameraTags = cameraTags(cameraId);
    acquired = BridgeMeter.FRAMES_ACQUIRED.counter(registry, cameraTags);
    frameWait = BridgeMeter.FRAME_WAIT.timer(registry, cameraTags);
    frameSize = BridgeMeter.FRAME_SIZE.summary(registry, cameraTags);
    reconnects = BridgeMeter.CAMERA_RECONNECTS.counter(registry, cameraTags);
    reconfigurations = BridgeMeter.CAMERA_RECONFIGURATIONS.counter(registry, cameraTags);
    journalReopens = BridgeMeter.JOURNAL_REOPENS.counter(registry, cameraTags);
    chunksMissing = BridgeMeter.CHUNKS_MISSING.counter(registry, cameraTags);

    DropReason[] reasons = DropReason.values();
    dropped = new Counter[reasons.length];
    for (DropReason reason : reasons) {
      dropped[reason.ordinal()] =
          BridgeMeter.FRAMES_DROPPED.counter(
              registry, cameraTags.and(MeterTags.REASON, reason.tagValue()));
    }
    ExchangeOutcome[] outcomes = ExchangeOutcome.values();
    results = new Counter[outcomes.length];
    for (ExchangeOutcome outcome : outcomes) {
      results[outcome.ordinal()] = BridgeMeter.RESULTS.counter(registry, outcomeTags(outcome));
    }
    WriteTarget[] targets = WriteTarget.values();
    writeFailures = new Counter[targets.length];
    for (WriteTarget target : targets) {
      writeFailures[target.ordinal()] =
          BridgeMeter.WRITE_FAILURES.counter(
              registry, cameraTags.and(MeterTags.TARGET, target.tagValue()));
    }
    Map<String, Counter> byStatus = new HashMap<>();
    for (String status : ARAVIS_FAILURE_STATUSES) {
      byStatus.put(status, incompleteCounter(status));
    }
    byStatus.put(OTHER_STATUS, incompleteCounter(OTHER_STATUS));
    incompleteByStatus = Map.copyOf(byStatus);
    upload = new AtomicReferenceArray<>(outcomes.length);
    analysis = new AtomicReferenceArray<>(outcomes.length);
    endToEnd = new AtomicReferenceArray<>(outcomes.length);
  }

  /** The tags every meter of this camera carries. */
  public static Tags cameraTags(String cameraId) {
    if (cameraId == null || cameraId.isBlank()) {
      throw new IllegalArgumentException("A camera id is required to tag its metrics");
    }
    return Tags.of(MeterTags.CAMERA, cameraId);
  }

  @Override
  public void frameAcquired() {
    acquired.increment();
  }

  @Override
  public void frameWaited(long waitNanos) {
    if (waitNanos >= 0) {
      frameWait.record(waitNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void frameIncomplete(String arvBufferStatus) {
    Counter counter = incompleteByStatus.get(normalizeStatus(arvBufferStatus));
    (counter != null ? counter : incompleteByStatus.get(OTHER_STATUS)).increment();
  }

  @Override
  public void frameDropped(DropReason reason) {
    dropped[reason.ordinal()].increment();
  }

  @Override
  public void chunksMissing(int values) {
    chunksMissing.increment(values);
  }

  @Override
  public void frameSize(long bytes) {
    if (bytes >= 0) {
      frameSize.record(bytes);
    }
  }

  @Override
  public void recordExchange(
      ExchangeOutcome outcome, long uploadNanos, long analysisNanos, long endToEndNanos) {
    results[outcome.ordinal()].increment();
    record(upload, BridgeMeter.UPLOAD, outcome, uploadNanos);
    record(analysis, BridgeMeter.ANALYSIS, outcome, analysisNanos);
    record(endToEnd, BridgeMeter.END_TO_END, outcome, endToEndNanos);
  }

  @Override
  public void cameraReconnected() {
    reconnects.increment();
  }

  @Override
  public void cameraReconfigured() {
    reconfigurations.increment();
  }

  @Override
  public void writeFailed(WriteTarget target) {
    writeFailures[target.ordinal()].increment();
  }

  @Override
  public void journalReopened() {
    journalReopens.increment();
  }

  private void record(
      AtomicReferenceArray<Timer> timers, BridgeMeter meter, ExchangeOutcome outcome, long nanos) {
    if (nanos < 0) {
      return;
    }
    Timer timer = timers.get(outcome.ordinal());
    if (timer == null) {
      // A race registers the same meter twice; the registry returns the one instance both times.
      timer = meter.timer(registry, outcomeTags(outcome));
      timers.set(outcome.ordinal(), timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  private Tags outcomeTags(ExchangeOutcome outcome) {
    return cameraTags.and(MeterTags.OUTCOME, outcome.tagValue());
  }

  private Counter incompleteCounter(String status) {
    return BridgeMeter.FRAMES_INCOMPLETE.counter(
        registry, cameraTags.and(MeterTags.STATUS, status));
  }

  static String normalizeStatus(String status) {
    if (status == null) {
      return OTHER_STATUS;
    }
    String lower = status.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith(ARAVIS_PREFIX) ? lower.substring(ARAVIS_PREFIX.length()) : lower;
  }
}
