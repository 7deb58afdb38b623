package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.HttpPeer.After;
import io.camerabridge.testing.ReceivedRequest;
import io.camerabridge.testing.ReservedPort;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a byte-checking raw socket server: wire format and every failure outcome. */
class PekatClientTest extends ClientTestBase {
  @ParameterizedTest
  @EnumSource(RawLayout.class)
  void sendsTheNativeFrameBytesUnchanged(RawLayout layout) throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
    PekatClient client = client(server.uri());
    TestFrame frame = TestFrame.create(leases, 640, 480, layout);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    ReceivedRequest request = server.nextRequest();
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
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
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
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
    PekatClient client =
        client(PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of("k3y/+&x")).build());
    TestFrame frame = TestFrame.small(leases);
    String data = "lot 7/ä&x=1+2";

    outcomeOf(client.analyze(frame.frame, data));

    ReceivedRequest request = server.nextRequest();
    assertThat(request.query()).containsEntry("data", data).containsEntry("api_key", "k3y/+&x");
    assertThat(request.rawQuery()).doesNotContain(" ").doesNotContain("ä");
  }

  @Test
  void http500IsAnOutcomeWithTheFirstLineOfTheBody() throws Exception {
    HttpPeer server =
        server(HttpAnswers.status(500, "Internal Server Error", "boom: flow crashed\nTraceback"));
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome)
        .isEqualTo(new AnalysisOutcome.HttpError(500, "boom: flow crashed", outcome.timings()));
    assertThat(outcome.name()).isEqualTo("http_error");
    assertReleasedOnce(frame);
  }

  @Test
  void malformedJsonIsAnOutcome() throws Exception {
    HttpPeer server = server(HttpAnswers.json("{\"result\": tru"));
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(outcome.name()).isEqualTo("malformed_response");
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("not valid JSON");
    assertReleasedOnce(frame);
  }

  @Test
  void serverClosingMidResponseIsAnIoError() throws Exception {
    HttpPeer server =
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
    HttpPeer peer = server(HttpAnswers.hang());
    PekatClient client =
        client(
            PekatEndpoint.builder(peer.uri())
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
  void aServerThatStopsReadingHitsTheDeadlineMidUpload() throws Exception {
    // The kernel accepts the connection into the backlog, but nobody ever reads: the upload
    // stalls once the socket buffers are full.
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      PekatClient client =
          client(
              PekatEndpoint.builder(
                      "http://"
                          + InetAddress.getLoopbackAddress().getHostAddress()
                          + ":"
                          + silent.getLocalPort())
                  .requestTimeout(Duration.ofMillis(500))
                  .build());
      TestFrame frame = TestFrame.painted(leases, 5120, 5120, RawLayout.GRAY8, (x, y) -> x ^ y);

      AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

      assertThat(outcome).isInstanceOf(AnalysisOutcome.Timeout.class);
      assertThat(outcome.timings().lastByteWrittenNanos()).isEqualTo(ExchangeTimings.NOT_REACHED);
      assertThat(outcome.timings().analysisNanos()).isEmpty();
      assertReleasedOnce(frame);
    }
  }

  @Test
  void anExchangeStartedAfterAnAnsweredOneStillHitsItsOwnDeadline() throws Exception {
    byte[] ok =
        HttpAnswers.response(
            200,
            "OK",
            Map.of("Content-Type", "application/json"),
            OK_CONTEXT.getBytes(StandardCharsets.UTF_8));
    AtomicInteger requests = new AtomicInteger();
    HttpPeer server =
        server(
            (request, out) -> {
              if (requests.getAndIncrement() == 0) {
                out.write(ok);
              }
              // Later requests are never answered.
              return After.KEEP_OPEN;
            });
    PekatClient client =
        client(PekatEndpoint.builder(server.uri()).requestTimeout(Duration.ofMillis(500)).build());
    TestFrame answered = TestFrame.small(leases);
    TestFrame unanswered = TestFrame.small(leases);

    AnalysisOutcome first = outcomeOf(client.analyze(answered.frame, null));
    AnalysisOutcome second = outcomeOf(client.analyze(unanswered.frame, null));

    assertThat(first).isInstanceOf(AnalysisOutcome.Analyzed.class);
    assertThat(second).isInstanceOf(AnalysisOutcome.Timeout.class);
    assertThat(second.timings().lastByteWrittenNanos()).isNotEqualTo(ExchangeTimings.NOT_REACHED);
    assertReleasedOnce(answered);
    assertReleasedOnce(unanswered);
  }

  @Test
  void refusedConnectionIsConnectFailed() throws Exception {
    try (ReservedPort closed = ReservedPort.take()) {
      PekatClient client = client(URI.create(closed.httpUrl()));
      TestFrame frame = TestFrame.small(leases);

      AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

      assertThat(outcome).isInstanceOf(AnalysisOutcome.ConnectFailed.class);
      assertThat(((AnalysisOutcome.ConnectFailed) outcome).reason()).contains("refused");
      assertReleasedOnce(frame);
    }
  }

  @Test
  void aResponseOverTheCapIsAnErrorNotAnAllocation() throws Exception {
    String big = "{\"result\":true,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    HttpPeer server = server(HttpAnswers.json(big));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxResponseBytes(8192).build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("maxResponseBytes");
    assertReleasedOnce(frame);
  }

  @Test
  void aBodyInSeveralChunksIsAssembledWhole() throws Exception {
    HttpPeer server = server(chunked(OK_CONTEXT, 7));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.Analyzed.class);
    assertThat(outcome.name()).isEqualTo("ok");
    assertThat(((AnalysisOutcome.Analyzed) outcome).result().contextJson()).isEqualTo(OK_CONTEXT);
    assertReleasedOnce(frame);
  }

  @Test
  void aChunkedResponseOverTheCapIsAnError() throws Exception {
    String big = "{\"result\":true,\"pad\":\"" + "x".repeat(20_000) + "\"}";
    HttpPeer server = server(chunked(big, 4096));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxResponseBytes(8192).build());
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("maxResponseBytes");
    assertReleasedOnce(frame);
  }

  /** A 200 JSON response without Content-Length, sent as chunks of {@code size} bytes. */
  private static HttpPeer.Responder chunked(String json, int size) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return (request, out) -> {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      for (int at = 0; at < body.length; at += size) {
        int length = Math.min(size, body.length - at);
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, at, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return After.KEEP_OPEN;
    };
  }

  @Test
  void analyzeImagePostsTheEncodedFile() throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
    byte[] png = PngFixtures.png(8, 8);
    io.netty.buffer.ByteBuf body = io.netty.buffer.Unpooled.wrappedBuffer(png);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyzeImage(body, "x"));

    ReceivedRequest request = server.nextRequest();
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
      // The server echoes the request target, as a traceback would. The retry path, which logs
      // the target, is checked in KeepAliveTest.
      HttpPeer server =
          server(
              (request, out) ->
                  HttpAnswers.status(500, "Internal Server Error", "failed for " + request.target())
                      .respond(request, out));
      PekatEndpoint endpoint = PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of(key)).build();
      PekatClient client = client(endpoint);
      List<AnalysisOutcome> outcomes = new ArrayList<>();
      outcomes.add(outcomeOf(client.analyze(TestFrame.small(leases).frame, "d")));
      assertThat(server.nextRequest().query()).containsEntry("api_key", key);
      outcomes.add(outcomeOf(client.analyze(TestFrame.small(leases).frame, "d")));
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
      assertThat(logs.texts()).noneMatch(line -> line.contains(key));
    }
  }
}
