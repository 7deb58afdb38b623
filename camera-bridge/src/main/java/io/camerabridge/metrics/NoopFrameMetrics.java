package io.camerabridge.metrics;

/** {@link FrameMetrics#noop()}. */
enum NoopFrameMetrics implements FrameMetrics {
  INSTANCE;

  @Override
  public void frameAcquired() {}

  @Override
  public void frameWaited(long waitNanos) {}

  @Override
  public void frameIncomplete(String arvBufferStatus) {}

  @Override
  public void frameDropped(DropReason reason) {}

  @Override
  public void frameSize(long bytes) {}

  @Override
  public void recordExchange(
      ExchangeOutcome outcome, long uploadNanos, long analysisNanos, long endToEndNanos) {}

  @Override
  public void cameraReconnected() {}

  @Override
  public void writeFailed(WriteTarget target) {}

  @Override
  public void journalReopened() {}
}
