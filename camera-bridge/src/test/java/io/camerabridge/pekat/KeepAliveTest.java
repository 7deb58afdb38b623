package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.pekat.RawHttpServer.After;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection reuse, idle eviction and the one retry for a stale keep-alive connection. */
class KeepAliveTest extends ClientTestBase {

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
  void aResponseWithConnectionCloseIsNotReused() throws Exception {
    byte[] answer =
        RawHttpServer.response(
            200, "OK", Map.of("Connection", "close"), OK_CONTEXT.getBytes(StandardCharsets.UTF_8));
    // The server leaves the socket open: the client itself must not reuse it.
    RawHttpServer server =
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
    RawHttpServer server = server(RawHttpServer.json(OK_CONTEXT));
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
