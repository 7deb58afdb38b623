package io.camerabridge.tools.bench;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real client, observed: every frame the pipeline hands over is passed on unchanged, and when
 * its exchange ends the frame's latencies are recorded from the pop time ({@link PopClock}) and the
 * client's own {@link ExchangeTimings}. Recording is switched on only for the measured window.
 */
final class TimedPekatClient implements PekatClient {

  private final PekatClient delegate;
  private final PopClock clock;
  private final LatencySamples popToWritten = new LatencySamples(4096);
  private final LatencySamples popToResult = new LatencySamples(4096);
  private final LatencySamples leaderToWritten = new LatencySamples(4096);
  private final AtomicLong busy = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean recording;

  TimedPekatClient(PekatClient delegate, PopClock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  void recording(boolean on) {
    recording = on;
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyze(RawFrame frame, String data) {
    boolean timed = recording && clock.isFrameThread();
    long pop = clock.popNanos();
    long wait = clock.waitNanos();
    CompletionStage<AnalysisOutcome> stage = delegate.analyze(frame, data);
    if (timed) {
      stage.thenAccept(outcome -> record(outcome, pop, wait));
    }
    return stage;
  }

  private void record(AnalysisOutcome outcome, long pop, long wait) {
    if (!recording) {
      return;
    }
    if (outcome instanceof AnalysisOutcome.Busy) {
      busy.incrementAndGet();
      return;
    }
    if (!(outcome instanceof AnalysisOutcome.Analyzed)) {
      failed.incrementAndGet();
      return;
    }
    ExchangeTimings t = outcome.timings();
    synchronized (this) {
      popToWritten.record(t.lastByteWrittenNanos() - pop);
      popToResult.record(t.endNanos() - pop);
      if (wait != PopClock.NOT_MEASURED) {
        leaderToWritten.record(wait + t.lastByteWrittenNanos() - pop);
      }
    }
  }

  /** Latencies of the measured window. */
  synchronized Latencies latencies() {
    Latencies copy = Latencies.empty();
    copy.popToWritten().addAll(popToWritten);
    copy.popToResult().addAll(popToResult);
    copy.leaderToWritten().addAll(leaderToWritten);
    return copy;
  }

  long busy() {
    return busy.get();
  }

  long failed() {
    return failed.get();
  }

  /**
   * Per-frame latencies in nanoseconds.
   *
   * @param popToWritten buffer handed over filled by Aravis (popped) → last body byte written
   * @param popToResult popped → the analyzer's answer parsed
   * @param leaderToWritten Aravis's system timestamp (first packet of the frame) → last byte
   *     written; includes the frame's own transfer time from the camera
   */
  record Latencies(
      LatencySamples popToWritten, LatencySamples popToResult, LatencySamples leaderToWritten) {

    static Latencies empty() {
      return new Latencies(
          new LatencySamples(1024), new LatencySamples(1024), new LatencySamples(1024));
    }

    void addAll(Latencies other) {
      popToWritten.addAll(other.popToWritten);
      popToResult.addAll(other.popToResult);
      leaderToWritten.addAll(other.leaderToWritten);
    }
  }

  @Override
  public PekatEndpoint endpoint() {
    return delegate.endpoint();
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyzeImage(ByteBuf encoded, String data) {
    return delegate.analyzeImage(encoded, data);
  }

  @Override
  public int inFlight() {
    return delegate.inFlight();
  }

  @Override
  public long retries() {
    return delegate.retries();
  }

  @Override
  public boolean awaitCapacity(Duration timeout) throws InterruptedException {
    return delegate.awaitCapacity(timeout);
  }

  @Override
  public void close(Duration drain) {
    delegate.close(drain);
  }
}
