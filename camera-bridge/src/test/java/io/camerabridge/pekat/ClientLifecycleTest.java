package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ownership at the edges: back-pressure, shutdown, and callers' mistakes. */
class ClientLifecycleTest extends ClientTestBase {

  @Test
  void closingTheClientFailsRequestsInFlightAndReturnsTheirFrames() throws Exception {
    CountDownLatch bothReceived = new CountDownLatch(2);
    HttpPeer peer =
        server(
            (request, out) -> {
              bothReceived.countDown();
              return HttpAnswers.hang().respond(request, out);
            });
    PekatClient client =
        NettyPekatClient.open(PekatEndpoint.builder(peer.uri()).maxInFlight(2).build(), resources);
    TestFrame first = TestFrame.small(leases);
    TestFrame second = TestFrame.small(leases);
    CompletableFuture<AnalysisOutcome> a = client.analyze(first.frame, null).toCompletableFuture();
    CompletableFuture<AnalysisOutcome> b = client.analyze(second.frame, null).toCompletableFuture();
    assertThat(bothReceived.await(10, TimeUnit.SECONDS)).isTrue();

    client.close();

    // close() returns only after the connections closed and Netty released the queued writes.
    assertThat(first.releases).hasValue(1);
    assertThat(second.releases).hasValue(1);
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
    HttpPeer server = heldServer(allReceived, answer);
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
  void awaitCapacityWaitsForTheSlotAnExchangeFrees() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    HttpPeer server = heldServer(received, answer);
    PekatClient client = client(PekatEndpoint.builder(server.uri()).maxInFlight(1).build());
    assertThat(client.awaitCapacity(Duration.ZERO)).as("idle client").isTrue();
    TestFrame frame = TestFrame.small(leases);
    CompletableFuture<AnalysisOutcome> first =
        client.analyze(frame.frame, null).toCompletableFuture();
    assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(client.awaitCapacity(Duration.ZERO)).as("full, no wait").isFalse();
    assertThat(client.awaitCapacity(Duration.ofMillis(50))).as("full for 50 ms").isFalse();

    CompletableFuture<Boolean> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.awaitCapacity(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    answer.countDown();
    assertThat(waiting.get(10, TimeUnit.SECONDS)).as("woken by the finished exchange").isTrue();
    assertThat(first.get(10, TimeUnit.SECONDS).name()).isEqualTo("ok");
    assertReleasedOnce(frame);
  }

  @Test
  void anAlreadyReleasedBufferIsAnOutcomeNotAnException() throws Exception {
    HttpPeer server = server(HttpAnswers.json(OK_CONTEXT));
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
        NettyPekatClient.open(
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

  @Test
  void closeWithDrainLetsRequestsInFlightFinish() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    HttpPeer server = heldServer(received, answer);
    PekatClient client = client(server.uri());
    TestFrame frame = TestFrame.small(leases);
    CompletableFuture<AnalysisOutcome> inFlight =
        client.analyze(frame.frame, null).toCompletableFuture();
    assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(() -> client.close(Duration.ofSeconds(30)));
    // Once closing has begun new frames are refused (busy before that, as one is in flight);
    // only then let the server answer.
    TestFrame late = TestFrame.small(leases);
    await("client refuses new frames")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                outcomeOf(client.analyze(TestFrame.small(leases).frame, null))
                    .name()
                    .equals("io_error"));
    assertThat(outcomeOf(client.analyze(late.frame, null)).name()).isEqualTo("io_error");
    answer.countDown();
    closing.get(20, TimeUnit.SECONDS);

    assertThat(inFlight.get().name()).isEqualTo("ok");
    assertReleasedOnce(frame);
    assertReleasedOnce(late);
  }

  /** Counts each request down on {@code received}, then answers OK once {@code answer} opens. */
  private HttpPeer heldServer(CountDownLatch received, CountDownLatch answer)
      throws java.io.IOException {
    return server(
        (request, out) -> {
          received.countDown();
          answer.await();
          return HttpAnswers.json(OK_CONTEXT).respond(request, out);
        });
  }
}
