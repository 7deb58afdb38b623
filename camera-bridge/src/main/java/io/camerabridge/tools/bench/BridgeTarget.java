package io.camerabridge.tools.bench;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.tools.bench.NativeFramePool.PooledFrame;
import java.util.concurrent.CompletionStage;

/**
 * The bridge's own path: each native frame becomes the same {@link FrameLease} the service makes of
 * an Aravis buffer and is handed to {@link PekatClient#analyze}, which owns it from then on and
 * releases it once Netty has written it.
 */
final class BridgeTarget implements LoadTarget {

  private final PekatClient client;
  private final FrameShape shape;
  private final FrameLeases leases = new FrameLeases();

  BridgeTarget(AnalyzerAddress address, FrameShape shape, int inFlight) {
    this.shape = shape;
    this.client =
        NettyPekatClient.open(
            PekatEndpoint.builder(address.baseUri()).maxInFlight(inFlight).build());
  }

  @Override
  public String name() {
    return ClientBenchmark.BRIDGE;
  }

  @Override
  public Lane openLane() {
    return new Lane() {
      @Override
      public void exchange(PooledFrame frame) {
        exchangeAsync(frame).toCompletableFuture().join();
      }

      /**
       * The client never blocks, so a producer chains the next frame on the completion, as the
       * camera's frame thread would never wait for a response either: no thread hand-over of the
       * harness is measured as the client's cost.
       */
      @Override
      public boolean isAsync() {
        return true;
      }

      @Override
      public CompletionStage<Void> exchangeAsync(PooledFrame frame) {
        FrameInfo info =
            new FrameInfo(
                "bench",
                leases.nextSequence(),
                frame.index(),
                System.nanoTime(),
                0,
                shape.width(),
                shape.height(),
                shape.layout());
        FrameLease lease = leases.lease(info, frame.memory(), frame);
        return client.analyze(lease, null).thenAccept(BridgeTarget::requireAnalyzed);
      }

      @Override
      public void close() {}
    };
  }

  private static void requireAnalyzed(AnalysisOutcome outcome) {
    if (!(outcome instanceof AnalysisOutcome.Analyzed)) {
      throw new BenchException("the bridge's request ended as " + describe(outcome));
    }
  }

  private static String describe(AnalysisOutcome outcome) {
    if (outcome instanceof AnalysisOutcome.HttpError e) {
      return "HTTP " + e.status() + ": " + e.firstLine();
    }
    return outcome.name() + " (" + outcome + ")";
  }

  @Override
  public void close() {
    client.close();
    if (leases.outstanding() != 0) {
      throw new BenchException(
          leases.outstanding() + " native frames were still held by the client after close");
    }
  }
}
