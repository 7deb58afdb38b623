package io.camerabridge.bench;

import io.camerabridge.bench.NativeFramePool.PooledFrame;

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

    @Override
    void close() throws Exception;
  }
}
