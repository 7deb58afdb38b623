package io.camerabridge.tools.bench;

import io.camerabridge.tools.bench.NativeFramePool.PooledFrame;
import java.util.concurrent.CompletionStage;

/**
 * One way of getting a frame to the analyzer: the bridge's client or a baseline. Each driver thread
 * of a run gets its own {@link Lane}; a lane carries one request at a time.
 */
interface LoadTarget extends AutoCloseable {

  /** Short name used in reports and JSON keys ({@code bridge}, {@code socket}, {@code jdk}). */
  String name();

  /** A new lane for one driver thread. */
  Lane openLane() throws Exception;

  @Override
  void close() throws Exception;

  /** One sequential request stream. */
  interface Lane extends AutoCloseable {
    /**
     * Sends the frame and returns once the response has been read completely. Takes ownership of
     * the lease: the frame's release must run exactly once, as soon as the memory is no longer
     * needed, even when the exchange fails.
     */
    void exchange(PooledFrame frame) throws Exception;

    /** Whether this lane is driven by {@link #exchangeAsync} instead of {@link #exchange}. */
    default boolean isAsync() {
      return false;
    }

    /**
     * Like {@link #exchange}, without blocking: the stage completes once the response has been
     * read; an exception completes it exceptionally. Only called when {@link #isAsync()}.
     */
    default CompletionStage<Void> exchangeAsync(PooledFrame frame) {
      throw new UnsupportedOperationException(getClass() + " is a blocking lane");
    }

    @Override
    void close() throws Exception;
  }
}
