package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.frame.FrameLeases;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.NettyLeakCheck;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shared fixture of the client tests: real event loops, a frame counter that must return to zero
 * after every test, Netty leak detection that fails the test, and servers and clients closed after
 * each test.
 */
abstract class ClientTestBase {
  static final String OK_CONTEXT =
      "{\"error\":false,\"imageShape\":{\"height\":48,\"width\":64},\"processingTime\":0.01,"
          + "\"save\":false,\"processing\":true,\"result\":true,\"detectedRectangles\":[]}";

  @RegisterExtension final NettyLeakCheck leakCheck = new NettyLeakCheck();

  static ClientResources resources;
  final FrameLeases leases = new FrameLeases();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

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

  HttpPeer server(HttpPeer.Responder responder) throws IOException {
    return closeLater(HttpPeer.start(responder));
  }

  PekatClient client(PekatEndpoint endpoint) {
    return closeLater(NettyPekatClient.open(endpoint, resources));
  }

  PekatClient client(URI uri) {
    return client(PekatEndpoint.builder(uri).build());
  }

  <T extends AutoCloseable> T closeLater(T resource) {
    closeAfter.add(resource);
    return resource;
  }

  static AnalysisOutcome outcomeOf(CompletionStage<AnalysisOutcome> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static void assertReleasedOnce(TestFrame frame) {
    await("release hook ran").atMost(Duration.ofSeconds(10)).until(() -> frame.releases.get() >= 1);
    assertThat(frame.releases).hasValue(1);
    assertThat(frame.buf.isReturned()).isTrue();
  }
}
