package io.camerabridge.pipeline;

import io.camerabridge.analyzers.Routed;
import io.camerabridge.config.NgImage;
import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.metrics.DropReason;
import io.camerabridge.metrics.ExchangeOutcome;
import io.camerabridge.metrics.FrameMetrics;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.Verdict;
import io.camerabridge.outcome.VerdictSequencer;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.ClassLabel;
import io.camerabridge.pekat.DetectedRectangle;
import io.camerabridge.pekat.ExchangeTimings;
import io.camerabridge.results.FrameRecord;
import io.camerabridge.results.NgImageSaver;
import io.camerabridge.results.ResultJournal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.LoggerFactory;

/**
 * What happens once the analyzer has answered a frame (or failed to): metrics, the journal, the NG
 * image and a throttled log line (the instances' health is the analyzer pool's). Runs on the
 * results thread, never on the event loop, and never blocks (the journal and the saver queue their
 * own I/O).
 */
final class OutcomeHandler {
  private final String cameraId;
  private final FrameMetrics metrics;
  private final PipelineStats stats;
  private final Optional<ResultJournal> journal;
  private final Optional<NgImageSaver> ngSaver;
  private final NgImage ngImage;
  private final RateLimitedLog log;
  private final FrameTap tap;
  private final VerdictSequencer verdicts;

  OutcomeHandler(
      String cameraId,
      FrameMetrics metrics,
      PipelineStats stats,
      Optional<ResultJournal> journal,
      Optional<NgImageSaver> ngSaver,
      NgImage ngImage,
      VerdictSequencer verdicts,
      FrameTap tap) {
    this.cameraId = cameraId;
    this.metrics = metrics;
    this.stats = stats;
    this.journal = journal;
    this.ngSaver = ngSaver;
    this.ngImage = ngImage;
    this.tap = tap;
    this.verdicts = verdicts;
    this.log = new RateLimitedLog(LoggerFactory.getLogger(OutcomeHandler.class));
  }

  /**
   * Handles one outcome. The lease's metadata stays valid after the client released it; with {@code
   * pixelsKept} the dispatcher holds one extra reference to its pixels (raw NG saving), released
   * exactly once here or by the saver.
   */
  void handle(FrameLease lease, Routed routed, Throwable error, boolean pixelsKept) {
    FrameLease kept = pixelsKept ? lease : null;
    FrameInfo frame = lease.info();
    try {
      // The client promises values, not exceptions; treat a broken promise as an I/O error.
      AnalysisOutcome outcome =
          error == null
              ? routed.outcome()
              : new AnalysisOutcome.IoError(
                  "client failed: " + error,
                  ExchangeTimings.endedBeforeWrite(System.nanoTime(), System.nanoTime()));
      if (outcome instanceof AnalysisOutcome.Busy) {
        metrics.frameDropped(DropReason.ANALYZER_BUSY);
        stats.dropped.increment();
        stats.sent.decrement();
        verdicts.fail(frame.sequence(), DropReason.ANALYZER_BUSY.tagValue());
        return;
      }
      ExchangeOutcome kind = classify(outcome);
      String analyzer = routed == null ? null : routed.analyzer();
      // The outputs first: the line is waiting; metrics and the journal are not.
      boolean late =
          verdicts.answer(frame.sequence(), verdictOf(outcome, kind).from(analyzer))
              == VerdictSequencer.Arrival.LATE;
      Instant now = Instant.now();
      long endToEnd = epochNanos(now) - frame.systemTimestampNanos();
      ExchangeTimings t = outcome.timings();
      metrics.recordExchange(kind, orNone(t.writeNanos()), orNone(t.analysisNanos()), endToEnd);
      count(kind, endToEnd);
      journal.ifPresent(j -> j.append(record(frame, outcome, kind, now, endToEnd, late, analyzer)));
      kept = saveIfNg(frame, outcome, now, kept);
      tap.answered(frame, now, outcome, analyzer);
      logIfNotOk(frame, outcome, kind);
    } finally {
      if (kept != null) {
        kept.release();
      }
    }
  }

  private FrameLease saveIfNg(
      FrameInfo frame, AnalysisOutcome outcome, Instant now, FrameLease kept) {
    if (ngSaver.isEmpty()
        || !(outcome instanceof AnalysisOutcome.Analyzed analyzed)
        || analyzed.result().verdict() != AnalysisResult.Verdict.NG) {
      return kept;
    }
    NgImageSaver saver = ngSaver.get();
    Optional<byte[]> png = analyzed.result().png();
    if (ngImage == NgImage.ANNOTATED && png.isPresent()) {
      saver.savePng(frame.frameId(), now, png.get());
      return kept;
    }
    if (kept == null) {
      return null;
    }
    saver.saveRaw(
        frame.frameId(),
        now,
        kept.nioBuffer(),
        frame.width(),
        frame.height(),
        frame.layout(),
        kept::release);
    return null;
  }

  private void count(ExchangeOutcome kind, long endToEndNanos) {
    switch (kind) {
      case OK -> stats.ok.increment();
      case NG -> stats.ng.increment();
      case NO_VERDICT -> stats.noVerdict.increment();
      default -> stats.failed.increment();
    }
    if (kind == ExchangeOutcome.OK || kind == ExchangeOutcome.NG) {
      stats.latency(endToEndNanos);
    }
  }

  private void logIfNotOk(FrameInfo frame, AnalysisOutcome outcome, ExchangeOutcome kind) {
    switch (kind) {
      case OK -> {}
      case NG -> {
        AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
        log.info(
            cameraId + "/ng",
            "Camera {}: frame {} is NG ({} defect(s))",
            cameraId,
            frame.frameId(),
            result.rectangles().size());
      }
      default ->
          log.warn(
              cameraId + "/" + kind.tagValue(),
              "Camera {}: frame {} not analysed: {}",
              cameraId,
              frame.frameId(),
              describe(outcome));
    }
  }

  static ExchangeOutcome classify(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.Analyzed analyzed) {
      return switch (analyzed.result().verdict()) {
        case OK -> ExchangeOutcome.OK;
        case NG -> ExchangeOutcome.NG;
        case NONE -> ExchangeOutcome.NO_VERDICT;
      };
    }
    if (outcome instanceof AnalysisOutcome.HttpError) {
      return ExchangeOutcome.HTTP_ERROR;
    }
    if (outcome instanceof AnalysisOutcome.Timeout) {
      return ExchangeOutcome.TIMEOUT;
    }
    if (outcome instanceof AnalysisOutcome.ConnectFailed) {
      return ExchangeOutcome.CONNECT_FAILED;
    }
    if (outcome instanceof AnalysisOutcome.MalformedResponse) {
      return ExchangeOutcome.MALFORMED_RESPONSE;
    }
    return ExchangeOutcome.IO_ERROR;
  }

  private FrameRecord record(
      FrameInfo frame,
      AnalysisOutcome outcome,
      ExchangeOutcome kind,
      Instant now,
      long e2e,
      boolean late,
      String analyzer) {
    Map<String, Double> timings = new LinkedHashMap<>();
    ExchangeTimings t = outcome.timings();
    timings.put("total", t.totalNanos() / 1e6);
    t.uploadNanos().ifPresent(n -> timings.put("upload", n / 1e6));
    t.writeNanos().ifPresent(n -> timings.put("write", n / 1e6));
    t.analysisNanos().ifPresent(n -> timings.put("analysis", n / 1e6));
    timings.put("endToEnd", e2e / 1e6);
    String context = null;
    String error = null;
    if (outcome instanceof AnalysisOutcome.Analyzed analyzed) {
      context = analyzed.result().contextJson();
    } else {
      error = describe(outcome);
    }
    return new FrameRecord(
        cameraId,
        frame.sequence(),
        frame.frameId(),
        frame.timestampNanos(),
        frame.systemTimestampNanos(),
        now,
        kind.tagValue(),
        verdictOf(outcome),
        timings,
        context,
        error,
        late,
        frame.chunks(),
        frame.partId(),
        analyzer);
  }

  /** What the outputs are told about an answer: OK, NG, or ERROR with the reason. */
  private static Verdict verdictOf(AnalysisOutcome outcome, ExchangeOutcome kind) {
    if (!(outcome instanceof AnalysisOutcome.Analyzed analyzed)) {
      return Verdict.error(kind.tagValue());
    }
    AnalysisResult r = analyzed.result();
    if (r.verdict() == AnalysisResult.Verdict.NONE) {
      return new Verdict(
          Outcome.ERROR,
          r.rectangles().size(),
          classes(r),
          r.contextJson(),
          r.error() ? "flow_error" : "no_verdict");
    }
    return new Verdict(
        r.verdict() == AnalysisResult.Verdict.OK ? Outcome.OK : Outcome.NG,
        r.rectangles().size(),
        classes(r),
        r.contextJson(),
        null);
  }

  private static Map<String, Integer> classes(AnalysisResult r) {
    if (r.rectangles().isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (DetectedRectangle rect : r.rectangles()) {
      for (ClassLabel label : rect.classNames()) {
        counts.merge(label.label(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static AnalysisResult.Verdict verdictOf(AnalysisOutcome outcome) {
    return outcome instanceof AnalysisOutcome.Analyzed analyzed
        ? analyzed.result().verdict()
        : AnalysisResult.Verdict.NONE;
  }

  private static String describe(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.HttpError e) {
      return "HTTP " + e.status() + " " + e.firstLine();
    }
    if (outcome instanceof AnalysisOutcome.Timeout e) {
      return "no response within " + e.deadline();
    }
    if (outcome instanceof AnalysisOutcome.ConnectFailed e) {
      return "cannot connect: " + e.reason();
    }
    if (outcome instanceof AnalysisOutcome.IoError e) {
      return "connection failed: " + e.reason();
    }
    if (outcome instanceof AnalysisOutcome.MalformedResponse e) {
      return "malformed response: " + e.reason();
    }
    return outcome.name();
  }

  private static long orNone(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : FrameMetrics.NOT_MEASURED;
  }

  private static long epochNanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
