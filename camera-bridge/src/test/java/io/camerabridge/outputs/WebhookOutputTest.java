package io.camerabridge.outputs;

import static io.camerabridge.outputs.OutputsFixture.config;
import static io.camerabridge.outputs.OutputsFixture.count;
import static io.camerabridge.outputs.OutputsFixture.feed;
import static io.camerabridge.outputs.OutputsFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.testing.WebhookReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook outputs against a real HTTP receiver on a loopback socket. */
class WebhookOutputTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WebhookReceiver receiver;
  private CameraOutputs outputs;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void stop() {
    if (outputs != null) {
      outputs.close(Duration.ofSeconds(5));
    }
    receiver.close();
  }

  private CameraOutputs outputs(String extra) {
    CameraConfig camera =
        config(
                "",
                "outputs:\n  - type: webhook\n    url: \""
                    + receiver.url()
                    + "\"\n"
                    + extra.indent(4))
            .cameras()
            .get(0);
    outputs = CameraOutputs.create(camera, Optional.empty(), registry);
    return outputs;
  }

  @Test
  void postsEveryOutcomeOnceInSequenceOrderWithThePayloadFields() {
    feed(outputs("context: full"), 1, 6);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 6);
    List<JsonNode> bodies = receiver.bodies().stream().map(OutputsFixture::parse).toList();
    assertThat(bodies)
        .extracting(b -> b.get("sequence").asLong())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    JsonNode ng = bodies.get(2);
    assertThat(ng.get("camera").asText()).isEqualTo("cam");
    assertThat(ng.get("frameId").asLong()).isEqualTo(1003);
    assertThat(ng.get("verdict").asText()).isEqualTo("NG");
    assertThat(ng.get("decision").asText()).isEqualTo("NG");
    assertThat(ng.get("defects").asInt()).isEqualTo(2);
    assertThat(ng.get("late").asBoolean()).isFalse();
    assertThat(ng.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(ng.get("latencyMs").asDouble()).isNotNegative();
    assertThat(ng.get("context").get("n").asInt()).isEqualTo(3);
    assertThat(bodies.get(0).get("verdict").asText()).isEqualTo("OK");
    await().untilAsserted(() -> assertThat(count(registry, "webhook", "fired")).isEqualTo(6));
  }

  @Test
  void onFiltersAndSummaryContextCarriesTheClassCounts() {
    feed(outputs("on: [ng]\ncontext: summary"), 1, 6);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 2);
    List<JsonNode> bodies = receiver.bodies().stream().map(OutputsFixture::parse).toList();
    assertThat(bodies).extracting(b -> b.get("sequence").asLong()).containsExactly(3L, 6L);
    assertThat(bodies.get(0).get("classes").get("scratch").asInt()).isEqualTo(2);
    assertThat(bodies.get(0).has("context")).isFalse();
  }

  @Test
  void aFailedAttemptIsRetriedAndCountedOnlyWhenEveryAttemptFailed() {
    CameraOutputs o = outputs("retries: 2\ncontext: none");
    receiver.failNext(2);
    feed(o, 1, 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 1);
    assertThat(receiver.requests()).isEqualTo(3);
    assertThat(count(registry, "webhook", "failed")).isZero();

    receiver.failNext(3);
    feed(o, 2, 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 2);
    assertThat(parse(receiver.bodies().get(1)).get("sequence").asLong()).isEqualTo(3);
    assertThat(count(registry, "webhook", "failed")).isEqualTo(1);
    assertThat(count(registry, "webhook", "fired")).isEqualTo(2);
  }

  @Test
  void healthSaysSinceWhenAndHowManyOutcomesWereNotDeliveredUntilOneIs() {
    CameraOutputs o = outputs("retries: 0\ncontext: none");
    assertThat(o.health()).singleElement().satisfies(h -> assertThat(h.state()).isEqualTo("ok"));

    receiver.failNext(2);
    feed(o, 1, 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "webhook", "failed") == 2);
    OutputHealth troubled = o.health().get(0);
    assertThat(troubled.output()).isEqualTo("webhook");
    assertThat(troubled.type()).isEqualTo("webhook");
    assertThat(troubled.problem()).isEqualTo("2 outcome(s) in a row not written");
    assertThat(troubled.failingSeconds()).isPositive();

    feed(o, 3, 3);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 1);
    await().untilAsserted(() -> assertThat(o.health().get(0).state()).isEqualTo("ok"));
  }

  @Test
  void outcomesQueuedDuringAnOutageArriveInOrderOnceTheReceiverIsBack() throws Exception {
    CameraOutputs o = outputs("retries: 10\ncontext: none");
    int port = receiver.url().getPort();
    receiver.close();
    List<JsonNode> delivered;
    // The receiver's host is up but the service is not: every connection is reset.
    try (ServerSocket down = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger refused = new AtomicInteger();
      Thread resetter =
          new Thread(
              () -> {
                while (!down.isClosed()) {
                  try (Socket s = down.accept()) {
                    s.setSoLinger(true, 0);
                    refused.incrementAndGet();
                  } catch (IOException e) {
                    // Closed: the outage is over.
                  }
                }
              });
      resetter.start();
      feed(o, 1, 5);
      await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= 2);
      assertThat(count(registry, "webhook", "fired")).isZero();
      down.close();
      resetter.join();
    }
    receiver = WebhookReceiver.start(port);
    feed(o, 6, 6);
    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodies().size() == 6);
    delivered = receiver.bodies().stream().map(OutputsFixture::parse).toList();
    assertThat(delivered)
        .extracting(b -> b.get("sequence").asLong())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(count(registry, "webhook", "fired")).isEqualTo(6);
    assertThat(count(registry, "webhook", "failed") + count(registry, "webhook", "dropped"))
        .isZero();
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() {
    receiver.close();
    CameraOutputs o = outputs("retries: 3\nqueue: 2\ntimeout: 1s");

    feed(o, 1, 20);

    assertThat(count(registry, "webhook", "dropped")).isGreaterThanOrEqualTo(17);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(registry, "webhook", "dropped") + count(registry, "webhook", "failed") == 20);
  }
}
