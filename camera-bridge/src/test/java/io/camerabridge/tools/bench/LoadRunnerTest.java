package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner and the two baselines against a real HTTP server over real sockets. */
class LoadRunnerTest {

  private static final FrameShape SHAPE = new FrameShape(64, 48, BenchPixelFormat.BayerRG8);

  private DiscardHttpServer server;
  private final PrintStream progress =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @BeforeEach
  void startServer() throws Exception {
    server = new DiscardHttpServer();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void socketBaselineSendsEveryFrameAndReturnsEveryLease() throws Exception {
    NativeFramePool pool = new NativeFramePool(4, SHAPE.bodyBytes());
    AnalyzerAddress address = AnalyzerAddress.parse(server.url());
    try (LoadTarget target = new SocketBaseline(address, SHAPE)) {
      LoadRunner.RunMeasurement run =
          new LoadRunner(pool, 2, ServerThreads.NONE, progress)
              .run(target, 50, Duration.ofSeconds(30));

      assertThat(run.frames()).isEqualTo(50);
      assertThat(run.latencies().count()).isEqualTo(50);
      assertThat(server.requests()).isEqualTo(50);
      assertThat(pool.leasedFrames()).isZero();
      assertThat(run.usage().heapBytesAllThreads()).isPositive();
    }
  }

  @Test
  void jdkBaselineCountsTheHeapCopyOfEveryFrame() throws Exception {
    NativeFramePool pool = new NativeFramePool(2, SHAPE.bodyBytes());
    AnalyzerAddress address = AnalyzerAddress.parse(server.url());
    try (LoadTarget target = new JdkHttpBaseline(address, SHAPE)) {
      LoadRunner.RunMeasurement run =
          new LoadRunner(pool, 1, ServerThreads.NONE, progress)
              .run(target, 20, Duration.ofSeconds(30));

      assertThat(run.frames()).isEqualTo(20);
      assertThat(pool.leasedFrames()).isZero();
      // Each frame is copied into a new byte[] on the heap.
      assertThat(run.usage().heapBytesAllThreads()).isGreaterThan(20L * SHAPE.bodyBytes());
    }
  }

  @Test
  void aRefusedFrameStopsTheRunWithTheTargetNameAndReturnsTheLease() throws Exception {
    NativeFramePool pool = new NativeFramePool(2, SHAPE.bodyBytes());
    try (DiscardHttpServer refusing = new DiscardHttpServer(500);
        LoadTarget target = new SocketBaseline(AnalyzerAddress.parse(refusing.url()), SHAPE)) {
      LoadRunner runner = new LoadRunner(pool, 1, ServerThreads.NONE, progress);

      assertThatThrownBy(() -> runner.run(target, 10, Duration.ofSeconds(30)))
          .hasMessageContaining("socket failed after 0 frames")
          .hasMessageContaining("HTTP 500");
      assertThat(pool.leasedFrames()).isZero();
    }
  }
}
