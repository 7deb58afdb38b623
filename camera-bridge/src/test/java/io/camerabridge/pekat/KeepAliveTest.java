package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.HttpPeer.After;
import io.camerabridge.testing.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Connection reuse, idle eviction, and the one retry for a stale keep-alive connection: only when
 * no byte of the request reached the socket (issue #20 item 7).
 */
class KeepAliveTest extends ClientTestBase {

  @Test
  void reusesOneKeepAliveConnection() throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
    PekatClient client = client(server.uri());
    for (int i = 0; i < 5; i++) {
      TestFrame frame = TestFrame.small(leases);
      assertThat(outcomeOf(client.analyze(frame.frame, null)).name()).isEqualTo("ok");
      assertReleasedOnce(frame);
    }
    assertThat(server.connectionCount()).isEqualTo(1);
  }

  @Test
  void aRequestTheServerReadIsNeverSentTwice() throws Exception {
    // Connection 1 answers its first request, then reads the second in full and drops it without
    // a byte: PEKAT may have analysed that frame, so sending it again could analyse it twice.
    HttpPeer server =
        server(
            (request, out) -> {
              if (request.connection() == 1 && request.indexOnConnection() == 2) {
                return After.CLOSE;
              }
              return HttpAnswers.json(OK_CONTEXT).respond(request, out);
            });
    PekatClient client = client(server.uri());
    assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
        .isEqualTo("ok");
    TestFrame second = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client.analyze(second.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(((AnalysisOutcome.IoError) outcome).reason())
        .contains("after the request was sent, before any response byte");
    assertThat(server.receivedSoFar()).hasSize(2);
    assertThat(server.connectionCount()).isEqualTo(1);
    assertThat(client.retries()).isZero();
    assertReleasedOnce(second);
  }

  @Test
  void retriesOnceOnAFreshConnectionWhenNoRequestByteReachedTheSocket() throws Exception {
    String key = "retry-key-0123456789";
    CountDownLatch reset = new CountDownLatch(1);
    // Connection 1 answers its first request, then (when told) resets: a server that closed an
    // idle keep-alive connection just as the client picked it for the next frame.
    HttpPeer server =
        server(
            (request, out) -> {
              HttpAnswers.json(OK_CONTEXT).respond(request, out);
              if (request.connection() == 1) {
                out.flush();
                reset.await();
                return After.RESET;
              }
              return After.KEEP_OPEN;
            });
    try (ClientResources oneLoop = ClientResources.create(1);
        LogCapture logs = new LogCapture()) {
      PekatClient client =
          closeLater(
              NettyPekatClient.open(
                  PekatEndpoint.builder(server.uri()).apiKey(ApiKey.of(key)).build(), oneLoop));
      assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
          .isEqualTo("ok");
      TestFrame second = TestFrame.small(leases);

      // Hold the client's only event loop while the reset arrives, so the connection still looks
      // open when the next request takes it from the pool and the socket refuses its first byte.
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      oneLoop
          .eventLoopGroup()
          .execute(
              () -> {
                held.countDown();
                awaitQuietly(release);
              });
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      reset.countDown();
      await("server reset the connection")
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.resetsSent() == 1);
      CompletionStage<AnalysisOutcome> stage = client.analyze(second.frame, null);
      release.countDown();
      AnalysisOutcome outcome = outcomeOf(stage);

      assertThat(outcome.name()).isEqualTo("ok");
      assertThat(client.retries()).isEqualTo(1);
      assertThat(server.connectionCount()).isEqualTo(2);
      List<ReceivedRequest> received = server.receivedSoFar();
      assertThat(received).hasSize(2);
      assertThat(received.get(1).connection()).isEqualTo(2);
      assertThat(TestFrame.sha256(received.get(1).body())).isEqualTo(second.sha256);
      assertReleasedOnce(second);
      client.close();
      assertThat(logs.texts())
          .anyMatch(line -> line.contains("retrying") && line.contains("api_key=[redacted]"))
          .noneMatch(line -> line.contains(key));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void doesNotRetryOnAFreshConnection() throws Exception {
    HttpPeer server = server((request, out) -> After.CLOSE);
    TestFrame frame = TestFrame.small(leases);

    AnalysisOutcome outcome = outcomeOf(client(server.uri()).analyze(frame.frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.IoError.class);
    assertThat(server.receivedSoFar()).hasSize(1);
    assertReleasedOnce(frame);
  }

  @Test
  void doesNotRetryAfterTheResponseStarted() throws Exception {
    HttpPeer server =
        server(
            (request, out) -> {
              if (request.indexOnConnection() == 2) {
                out.write("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                return After.CLOSE;
              }
              return HttpAnswers.json(OK_CONTEXT).respond(request, out);
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
  void aResponseWithConnectionCloseIsNotReused() throws Exception {
    byte[] answer =
        HttpAnswers.response(
            200, "OK", Map.of("Connection", "close"), OK_CONTEXT.getBytes(StandardCharsets.UTF_8));
    // The server leaves the socket open: the client itself must not reuse it.
    HttpPeer server =
        server(
            (request, out) -> {
              out.write(answer);
              return After.KEEP_OPEN;
            });
    PekatClient client = client(server.uri());

    for (int i = 0; i < 2; i++) {
      assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
          .isEqualTo("ok");
    }

    assertThat(server.connectionCount()).isEqualTo(2);
  }

  @Test
  void closesAnIdleConnectionAfterTheEvictionTime() throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
    PekatClient client =
        client(PekatEndpoint.builder(server.uri()).idleEviction(Duration.ofMillis(100)).build());

    assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
        .isEqualTo("ok");
    await("idle connection evicted")
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.connectionsClosedByClient() == 1);
    assertThat(outcomeOf(client.analyze(TestFrame.small(leases).frame, null)).name())
        .isEqualTo("ok");

    assertThat(server.connectionCount()).isEqualTo(2);
  }
}
