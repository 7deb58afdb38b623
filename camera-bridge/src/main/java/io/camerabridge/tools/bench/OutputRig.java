package io.camerabridge.tools.bench;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.outputs.MqttPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The peers of {@code bench e2e --outputs}: a mosquitto broker and a webhook receiver, and the
 * service's one MQTT connection to that broker.
 */
final class OutputRig implements AutoCloseable {
  private final BenchBroker broker;
  private final WebhookSink webhook;
  private MqttPublisher publisher;
  private CameraOutputs outputs;

  private OutputRig(BenchBroker broker, WebhookSink webhook) {
    this.broker = broker;
    this.webhook = webhook;
  }

  static OutputRig start() throws IOException, InterruptedException {
    BenchBroker broker = BenchBroker.start();
    try {
      return new OutputRig(broker, WebhookSink.start());
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  E2eCameraConfig.Outputs urls() {
    return new E2eCameraConfig.Outputs(broker.url(), webhook.url());
  }

  /** The camera's outputs, publishing through a connection the rig owns. */
  CameraOutputs outputs(BridgeConfig file) {
    publisher = new MqttPublisher(file.mqtt());
    publisher.start();
    outputs =
        CameraOutputs.create(
            file.cameras().get(0), Optional.of(publisher), new SimpleMeterRegistry());
    return outputs;
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.close(Duration.ofSeconds(5));
    }
    webhook.close();
    broker.close();
  }
}
