package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown with outputs that never answer (issue #20 item 11 beyond the journal): an MQTT broker
 * that accepts TCP and never sends CONNACK, and a webhook that reads each POST and never answers.
 * The stop must go through every step, say which output it gave up on and what was not delivered,
 * and still release the camera afterwards. Real sockets, a real fake GigE camera.
 */
class StopWithHungOutputsIT {
  @TempDir Path dir;

  @Test
  void stopGivesUpOnAHungBrokerAndAHungWebhookSaysSoAndStillReleasesTheCamera() throws Exception {
    try (FaultRig rig = FaultRig.attach();
        PekatSimulator sim = FaultRig.simulator().build().start();
        FakeGvCameraProcess camera = FakeGvCameraProcess.start();
        SilentBroker broker = new SilentBroker();
        HttpPeer webhook = HttpPeer.start(HttpAnswers.hang())) {
      String yaml =
          BridgeHarness.base()
              .set("mqtt.broker", "tcp://127.0.0.1:" + broker.port())
              .set("mqtt.clientId", "hung")
              .set("mqtt.connectTimeout", "2s")
              .camera(
                  FaultRig.camera(
                      "hung",
                      camera.deviceId(),
                      sim.baseUri(),
                      dir,
                      10,
                      List.of(),
                      List.of(
                          "outputs:",
                          "  - { type: mqtt, qos: 1, context: none }",
                          "  - { type: webhook, name: mes, url: \""
                              + webhook.uri()
                              + "\", timeout: 2s, retries: 1 }")))
              .toYaml();
      BridgeHarness harness = BridgeHarness.start(dir, yaml);
      CameraPipeline pipeline = harness.bridge.pipelines().get(0);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  pipeline.stats().snapshot().results() >= 10
                      && !webhook.receivedSoFar().isEmpty()
                      && broker.accepted() >= 1);

      // A guard against a hang only; the assertions are about what happened, in which order.
      CompletableFuture.runAsync(harness::close).get(60, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(pipeline.state()).isEqualTo(CameraState.STOPPED);
      assertThat(pipeline.leases().outstanding()).isZero();
      List<String> lines = rig.messages("");
      int stopping = indexOf(lines, "camera-bridge stopping");
      int webhookGaveUp = indexOf(lines, "webhook mes gave up at shutdown");
      int mqttGaveUp = indexOf(lines, "MQTT: gave up on");
      int stopped = indexOf(lines, "camera-bridge stopped");
      assertThat(stopping).isNotNegative();
      // The two close side by side (one budget, ParallelCloseTest): either may give up first.
      assertThat(webhookGaveUp).isGreaterThan(stopping);
      assertThat(mqttGaveUp).isGreaterThan(stopping);
      assertThat(stopped).isGreaterThan(Math.max(webhookGaveUp, mqttGaveUp));
      assertThat(lines.get(mqttGaveUp)).contains("not published");
      assertThat(lines.get(webhookGaveUp)).contains("not posted");
      rig.assertNoSecret();
    }
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) != null && lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  /** Accepts MQTT connections and never answers them (a broker whose process hangs). */
  private static final class SilentBroker implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "silent-broker");

    SilentBroker() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() {
      return held.size();
    }

    private void accept() {
      try {
        while (!server.isClosed()) {
          held.add(server.accept());
        }
      } catch (IOException e) {
        // Closed.
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
