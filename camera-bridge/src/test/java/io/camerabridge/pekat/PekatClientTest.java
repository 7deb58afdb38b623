package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.frame.FrameLeases;
import io.camerabridge.pekat.RawHttpServer.After;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a byte-checking raw socket server: wire format, ownership, back-pressure. */
class PekatClientTest {
  static final String OK_CONTEXT =
      "{\"error\":false,\"imageShape\":{\"height\":48,\"width\":64},\"processingTime\":0.01,"
          + "\"save\":false,\"processing\":true,\"result\":true,\"detectedRectangles\":[]}";

  @RegisterExtension final NettyLeakCheck leakCheck = new NettyLeakCheck();

  static ClientResources resources;
  final FrameLeases leases = new FrameLeases();
  final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeAll
  static void startEventLoops() {
    resources = ClientResources.create();
  }

  @AfterAll
  static void stopEventLoops() {
    resources.close();
  }

  @AfterEach
  void everyFrameReturned() throws Exception {
    for (int i = closeAfter.size() - 1; i >= 0; i--) {
      closeAfter.get(i).close();
    }
    await("every native frame returned")
        .atMost(Duration.ofSeconds(10))
        .until(() -> leases.outstanding() == 0);
  }

  RawHttpServer server(RawHttpServer.Responder responder) throws IOException {
    RawHttpServer server = RawHttpServer.start(responder);
    closeAfter.add(server);
    return server;
  }

  PekatClient client(PekatEndpoint endpoint) {
    PekatClient client = PekatClient.open(endpoint, resources);
    closeAfter.add(client);
    return client;
  }

  PekatClient client(URI uri) {
    return client(PekatEndpoint.builder(uri).build());
  }

  static AnalysisOutcome outcomeOf(java.util.concurrent.CompletionStage<AnalysisOutcome> stage)
      throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static void assertReleasedOnce(TestFrame frame) {
    await("release hook ran").atMost(Duration.ofSeconds(10)).until(() -> frame.releases.get() >= 1);
    assertThat(frame.releases).hasValue(1);
    assertThat(frame.buf.isReturned()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(RawLayout.class)
  void sendsTheNativeFrameBytesUnchanged(RawLayout layout) throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    PekatClient client = client(server.uri());
    TestFrame frame = TestFrame.create(leases, 640, 480, layout);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    RawHttpServer.ReceivedRequest request = server.nextRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/analyze_raw_image");
    assertThat(request.query())
        .containsEntry("width", "640")
        .containsEntry("height", "480")
        .containsEntry("response_type", "context");
    assertThat(request.query().containsKey("bayer")).isEqualTo(layout == RawLayout.BAYER_RG8);
    assertThat(request.rawQuery()).doesNotContain("bayer=");
    assertThat(request.headers())
        .containsEntry("content-type", "application/octet-stream")
        .containsEntry("content-length", String.valueOf(layout.bodyLength(640, 480)))
        .containsEntry("host", server.uri().getHost() + ":" + server.uri().getPort())
        .doesNotContainKey("transfer-encoding");
    assertThat(request.body()).hasSize((int) layout.bodyLength(640, 480));
    assertThat(TestFrame.sha256(request.body())).isEqualTo(frame.sha256);
    assertThat(outcome).isInstanceOf(AnalysisOutcome.Analyzed.class);
    assertThat(outcome.name()).isEqualTo("ok");
    assertThat(outcome.isOk()).isTrue();
    assertReleasedOnce(frame);
  }

  @Test
  void timingsAreStampedInOrder() throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    TestFrame frame = TestFrame.small(leases);

    ExchangeTimings t = outcomeOf(client(server.uri()).analyze(frame.frame, null)).timings();

    assertThat(t.firstByteWrittenNanos()).isGreaterThanOrEqualTo(t.startNanos());
    assertThat(t.lastByteWrittenNanos()).isGreaterThanOrEqualTo(t.firstByteWrittenNanos());
    assertThat(t.responseCompleteNanos()).isGreaterThanOrEqualTo(t.lastByteWrittenNanos());
    assertThat(t.endNanos()).isGreaterThanOrEqualTo(t.responseCompleteNanos());
    assertThat(t.uploadNanos()).isPresent();
    assertThat(t.analysisNanos()).isPresent();
  }

  @Test
  void sendsDataUrlEncodedAndTheApiKey() throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    PekatClient client =
        client(PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of("k3y/+&x")).build());
    TestFrame frame = TestFrame.small(leases);
    String data = "lot 7/ä&x=1+2";

    outcomeOf(client.analyze(frame.frame, data));

    RawHttpServer.ReceivedRequest request = server.nextRequest();
    assertThat(request.query()).containsEntry("data", data).containsEntry("api_key", "k3y/+&x");
    assertThat(request.rawQuery()).doesNotContain(" ").doesNotContain("ä");
  }

  @Test
  void reusesOneKeepAliveConnection() throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    PekatClient client = client(server.uri());
    for (int i = 0; i < 5; i++) {
      TestFrame frame = TestFrame.small(leases);
      assertThat(outcomeOf(client.analyze(frame.frame, null)).name()).isEqualTo("ok");
      assertReleasedOnce(frame);
    }
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void http500IsAnOutcomeWithTheFirstLineOfTheBody() throws Exception {
    RawHttpServer server =
        server(RawHttpServer.status(500, "Internal Server Error", "boom: flow crashed\nTraceback"));
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome)
        .isEqualTo(new AnalysisOutcome.HttpError(500, "boom: flow crashed", outcome.timings()));
    assertThat(outcome.name()).isEqualTo("http_error");
    assertReleasedOnce(frame);
  }

  @Test
  void malformedJsonIsAnOutcome() throws Exception {
    RawHttpServer server = server(RawHttpServer.json("{\"result\": tru"));
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(outcome.name()).isEqualTo("malformed_response");
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("not valid JSON");
    assertReleasedOnce(frame);
  }

  @Test
  void serverClosingMidResponseIsAnIoError() throws Exception {
    RawHttpServer server =
        server(
            (request, out) -> {
              out.write(
                  "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"result\":"
                      .getBytes(StandardCharsets.US_ASCII));
              return After.CLOSE;
            });
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(((AnalysisOutcome.IoError) outcome).reason()).contains("mid-response");
    assertReleasedOnce(frame);
    assertThat(server.receivedSoFar()).hasSize(1);
  }

  @Test
  void hungServerHitsTheDeadline() throws Exception {
    RawHttpServer[] holder = new RawHttpServer[1];
    holder[0] =
        server(
            (request, out) -> {
              holder[0].hangUntilClosed();
              return After.CLOSE;
            });
    PekatClient client =
        client(
            PekatEndpoint.builder(holder[0].uri())
                .requestTimeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(300))
                .build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome)
        .isEqualTo(new AnalysisOutcome.Timeout(Duration.ofMillis(300), outcome.timings()));
    assertReleasedOnce(frame);
    assertThat(client.inFlight()).isZero();
  }

  @Test
  void refusedConnectionIsConnectFailed() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = probe.getLocalPort();
    }
    PekatClient client =
        client(
            URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port));
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.ConnectFailed.class);
    assertThat(((AnalysisOutcome.ConnectFailed) outcome).reason()).contains("refused");
    assertReleasedOnce(frame);
  }

  @Test
  void closingTheClientFailsRequestsInFlightAndReturnsTheirFrames() throws Exception {
    CountDownLatch bothReceived = new CountDownLatch(2);
    RawHttpServer[] holder = new RawHttpServer[1];
    holder[0] =
        server(
            (request, out) -> {
              bothReceived.countDown();
              holder[0].hangUntilClosed();
              return After.CLOSE;
            });
    PekatClient client =
        PekatClient.open(PekatEndpoint.builder(holder[0].uri()).maxInFlight(2).build(), resources);
    TestFrame first = TestFrame.small(leases);
    TestFrame second = TestFrame.small(leases);
    CompletableFuture<AnalysisOutcome> a = client.analyze(first.frame, null).toCompletableFuture();
    CompletableFuture<AnalysisOutcome> b = client.analyze(second.frame, null).toCompletableFuture();
    assertThat(bothReceived.await(10, TimeUnit.SECONDS)).isTrue();

    client.close();

    assertThat(a).isCompleted();
    assertThat(b).isCompleted();
    assertThat(a.get().name()).isEqualTo("io_error");
    assertThat(b.get().name()).isEqualTo("io_error");
    assertReleasedOnce(first);
    assertReleasedOnce(second);
    assertThat(client.inFlight()).isZero();

    TestFrame late = TestFrame.small(leases);
    assertThat(outcomeOf(client.analyze(late.frame, null)).name()).isEqualTo("io_error");
    assertReleasedOnce(late);
  }

  @Test
  void oneFrameMoreThanMaxInFlightIsRefusedAtOnce() throws Exception {
    int k = 2;
    CountDownLatch allReceived = new CountDownLatch(k);
    CountDownLatch answer = new CountDownLatch(1);
    RawHttpServer server =
        server(
            (request, out) -> {
              allReceived.countDown();
              answer.await();
              return RawHttpServer.json(OK_CONTEXT).respond(request, out);
            });
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxInFlight(k).build());
    List<CompletableFuture<AnalysisOutcome>> accepted = new ArrayList<>();
    List<TestFrame> frames = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      TestFrame frame = TestFrame.small(leases);
      frames.add(frame);
      accepted.add(client.analyze(frame.frame, null).toCompletableFuture());
    }
    assertThat(allReceived.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(client.inFlight()).isEqualTo(k);

    int dropped = 0;
    for (int i = 0; i < 3; i++) {
      TestFrame extra = TestFrame.small(leases);
      CompletableFuture<AnalysisOutcome> refused =
          client.analyze(extra.frame, null).toCompletableFuture();
      // Refused synchronously: completed and released before analyze returned.
      assertThat(refused).isCompleted();
      assertThat(extra.releases).hasValue(1);
      if (refused.get() instanceof AnalysisOutcome.Busy busy) {
        assertThat(busy.maxInFlight()).isEqualTo(k);
        assertThat(busy.name()).isEqualTo("busy");
        dropped++;
      }
    }
    assertThat(dropped).isEqualTo(3);
    assertThat(leases.outstanding()).isEqualTo(k);
    assertThat(accepted).noneMatch(CompletableFuture::isDone);

    answer.countDown();
    for (CompletableFuture<AnalysisOutcome> f : accepted) {
      assertThat(f.get(10, TimeUnit.SECONDS).name()).isEqualTo("ok");
    }
    frames.forEach(PekatClientTest::assertReleasedOnce);
    assertThat(client.inFlight()).isZero();
  }

  @Test
  void retriesOnceWhenAReusedConnectionTurnsOutStale() throws Exception {
    // Connection 1 answers its first request, then drops the second without a byte, as a server
    // whose keep-alive timer fired at the wrong moment would.
    RawHttpServer server =
        server(
            (request, out) -> {
              if (request.connection() == 1 && request.indexOnConnection() == 2) {
                return After.CLOSE;
              }
              return RawHttpServer.json(OK_CONTEXT).respond(request, out);
            });
    PekatClient client = client(server.uri());
    TestFrame first = TestFrame.small(leases);
    assertThat(outcomeOf(client.analyze(first.frame, null)).name()).isEqualTo("ok");
    TestFrame second = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(second.frame, null));

    assertThat(outcome.name()).isEqualTo("ok");
    assertThat(server.connectionCount()).isEqualTo(2);
    List<RawHttpServer.ReceivedRequest> received = server.receivedSoFar();
    assertThat(received).hasSize(3);
    assertThat(TestFrame.sha256(received.get(2).body())).isEqualTo(second.sha256);
    assertReleasedOnce(first);
    assertReleasedOnce(second);
  }

  @Test
  void doesNotRetryOnAFreshConnection() throws Exception {
    RawHttpServer server = server((request, out) -> After.CLOSE);
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(server.receivedSoFar()).hasSize(1);
    assertReleasedOnce(frame);
  }

  @Test
  void doesNotRetryAfterTheResponseStarted() throws Exception {
    RawHttpServer server =
        server(
            (request, out) -> {
              if (request.indexOnConnection() == 2) {
                out.write("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                return After.CLOSE;
              }
              return RawHttpServer.json(OK_CONTEXT).respond(request, out);
            });
    PekatClient client = client(server.uri());
    outcomeOf(client.analyze(TestFrame.small(leases).frame, null));
    TestFrame second = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(second.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(server.receivedSoFar()).hasSize(2);
    assertReleasedOnce(second);
  }

  @Test
  void aResponseOverTheCapIsAnErrorNotAnAllocation() throws Exception {
    String big = "{\"result\":true,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    RawHttpServer server = server(RawHttpServer.json(big));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxResponseBytes(8192).build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("maxResponseBytes");
    assertReleasedOnce(frame);
  }

  @Test
  void analyzeImagePostsTheEncodedFile() throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    byte[] png = PngFixtures.png(8, 8);
    io.netty.buffer.ByteBuf body = io.netty.buffer.Unpooled.wrappedBuffer(png);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyzeImage(body, "x"));

    RawHttpServer.ReceivedRequest request = server.nextRequest();
    assertThat(request.path()).isEqualTo("/analyze_image");
    assertThat(request.query()).containsEntry("data", "x").doesNotContainKey("width");
    assertThat(request.body()).isEqualTo(png);
    assertThat(outcome.name()).isEqualTo("ok");
    assertThat(body.refCnt()).isZero();
  }

  @Test
  void theApiKeyNeverReachesLogsOutcomesOrToString() throws Exception {
    String key = "s3cr3t-K3Y-value";
    try (LogCapture logs = new LogCapture()) {
      // The server echoes the request target, as a traceback would, and drops the second request
      // on the first connection so the retry path (which logs the target) runs too.
      RawHttpServer server =
          server(
              (request, out) -> {
                if (request.connection() == 1 && request.indexOnConnection() == 2) {
                  return After.CLOSE;
                }
                return RawHttpServer.status(
                        500, "Internal Server Error", "failed for " + request.target())
                    .respond(request, out);
              });
      PekatEndpoint endpoint = PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of(key)).build();
      PekatClient client = client(endpoint);
      List<AnalysisOutcome> outcomes = new ArrayList<>();
      outcomes.add(outcomeOf(client.analyze(TestFrame.small(leases).frame, "d")));
      assertThat(server.nextRequest().query()).containsEntry("api_key", key);
      outcomes.add(outcomeOf(client.analyze(TestFrame.small(leases).frame, "d")));
      assertThat(server.connectionCount()).isEqualTo(2);
      client.close();
      outcomes.add(outcomeOf(client.analyze(TestFrame.small(leases).frame, "d")));
      PekatClient refused =
          client(
              PekatEndpoint.builder(
                      "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":1")
                  .apiKey(ApiKey.of(key))
                  .build());
      outcomes.add(outcomeOf(refused.analyze(TestFrame.small(leases).frame, null)));

      assertThat(outcomes.get(0).toString()).contains("[redacted]");
      for (AnalysisOutcome outcome : outcomes) {
        assertThat(outcome.toString()).doesNotContain(key);
      }
      assertThat(endpoint.toString()).doesNotContain(key);
      assertThat(logs.texts())
          .anyMatch(line -> line.contains("retrying") && line.contains("api_key=[redacted]"))
          .noneMatch(line -> line.contains(key));
    }
  }

  @Test
  void anAlreadyReleasedBufferIsAnOutcomeNotAnException() throws Exception {
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
    TestFrame frame = TestFrame.small(leases);
    frame.buf.release();

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(frame.releases).hasValue(1);
    assertThat(server.receivedSoFar()).isEmpty();
  }

  @Test
  void analyzeNeverThrowsForAClosedEventLoop() throws Exception {
    ClientResources own = ClientResources.create();
    PekatClient client =
        PekatClient.open(
            PekatEndpoint.builder(
                    "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":9")
                .build(),
            own);
    own.close();
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertReleasedOnce(frame);
    client.close();
  }
}
