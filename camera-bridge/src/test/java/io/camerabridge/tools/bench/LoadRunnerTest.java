package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner and the two baselines against a real HTTP server over real sockets. */
class LoadRunnerTest {

  private static final FrameShape SHAPE = new FrameShape(64, 48, BenchPixelFormat.BayerRG8);

  /** PEKAT's bare context, as the harness's targets expect it. */
  private static final byte[] CONTEXT =
      ("{\"error\":false,\"imageShape\":{\"height\":1,\"width\":1},\"processingTime\":0.0,"
              + "\"save\":false,\"processing\":false}")
          .getBytes(StandardCharsets.US_ASCII);

  private HttpPeer server;
  private final PrintStream progress =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @BeforeEach
  void startServer() throws Exception {
    server = analyzer(200, "OK");
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void socketBaselineSendsEveryFrameAndReturnsEveryLease() throws Exception {
    NativeFramePool pool = new NativeFramePool(4, SHAPE.bodyBytes());
    AnalyzerAddress address = AnalyzerAddress.parse(server.uri().toString());
    try (LoadTarget target = new SocketBaseline(address, SHAPE)) {
      LoadRunner.RunMeasurement run =
          new LoadRunner(pool, 2, ServerThreads.NONE, progress)
              .run(target, 50, Duration.ofSeconds(30));

      assertThat(run.frames()).isEqualTo(50);
      assertThat(run.latencies().count()).isEqualTo(50);
      assertThat(server.receivedSoFar()).hasSize(50);
      assertThat(pool.leasedFrames()).isZero();
      assertThat(run.usage().heapBytesAllThreads()).isPositive();
    }
  }

  @Test
  void jdkBaselineCountsTheHeapCopyOfEveryFrame() throws Exception {
    NativeFramePool pool = new NativeFramePool(2, SHAPE.bodyBytes());
    AnalyzerAddress address = AnalyzerAddress.parse(server.uri().toString());
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
    try (HttpPeer refusing = analyzer(500, "Internal Server Error");
        LoadTarget target =
            new SocketBaseline(AnalyzerAddress.parse(refusing.uri().toString()), SHAPE)) {
      LoadRunner runner = new LoadRunner(pool, 1, ServerThreads.NONE, progress);

      assertThatThrownBy(() -> runner.run(target, 10, Duration.ofSeconds(30)))
          .hasMessageContaining("socket failed after 0 frames")
          .hasMessageContaining("HTTP 500");
      assertThat(pool.leasedFrames()).isZero();
    }
  }

  /** Answers every request with {@code status} and the context, keeping the connection. */
  private static HttpPeer analyzer(int status, String reason) throws IOException {
    return HttpPeer.start(
        HttpAnswers.bytes(
            HttpAnswers.response(
                status, reason, Map.of("Content-Type", "application/json"), CONTEXT)));
  }
}
