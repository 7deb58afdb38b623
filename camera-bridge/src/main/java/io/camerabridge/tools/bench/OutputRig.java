package io.camerabridge.tools.bench;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.OutputType;
import io.camerabridge.outcome.PartOutcome;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.outputs.MqttPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The peers of {@code bench e2e --outputs}: a mosquitto broker with a subscriber on the bridge's
 * result topic, a webhook receiver, the bare GVCP and MQTT baselines, and the service's one MQTT
 * connection to that broker. What the subscriber and the receiver got goes into the run's {@link
 * Deliveries}.
 */
final class OutputRig implements AutoCloseable {
  /** How long the peers may take to receive what the bridge wrote before it stopped. */
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final BenchBroker broker;
  private final WebhookSink webhook;
  private final OutputSamples samples;
  private BenchSubscriber subscriber;
  private List<BaselineLoop> baselines = List.of();
  private MqttPublisher publisher;

  private OutputRig(BenchBroker broker, WebhookSink webhook, OutputSamples samples) {
    this.broker = broker;
    this.webhook = webhook;
    this.samples = samples;
  }

  /**
   * @param camera the fake camera the line output drives (its GVCP baseline)
   * @param settings which outputs fire, and whether the baselines run next to them
   */
  static OutputRig start(FakeGvCameraProcess camera, E2eSettings settings)
      throws IOException, InterruptedException {
    Set<OutputType> types = settings.outputs();
    OutputSamples samples = new OutputSamples(types, new Deliveries());
    BenchBroker broker = BenchBroker.start();
    OutputRig rig = null;
    try {
      rig = new OutputRig(broker, WebhookSink.start(samples.deliveries()), samples);
      rig.subscriber =
          BenchSubscriber.subscribe(broker.url(), "camera-bridge/+/result", samples.deliveries());
      if (settings.baselines()) {
        List<BaselineLoop> chosen = new ArrayList<>();
        // Those already started are closed with the rig when a later one fails.
        rig.baselines = chosen;
        if (types.contains(OutputType.LINE)) {
          chosen.add(Baselines.bareGvcp(camera));
        }
        if (types.contains(OutputType.MQTT)) {
          chosen.add(Baselines.barePaho(broker.url()));
        }
        rig.baselines = List.copyOf(chosen);
      }
      return rig;
    } catch (IOException | RuntimeException e) {
      if (rig == null) {
        broker.close();
      } else {
        rig.abandon(e);
      }
      throw e;
    }
  }

  /** The outputs to configure, with this rig's broker and receiver. */
  E2eCameraConfig.Outputs outputsConfig() {
    return new E2eCameraConfig.Outputs(samples.types(), broker.url(), webhook.url());
  }

  OutputSamples samples() {
    return samples;
  }

  /** The baselines, by the output type they stand next to. */
  List<BaselineLoop> baselines() {
    return baselines;
  }

  void recording(boolean on) {
    samples.recording(on);
    baselines.forEach(b -> b.recording(on));
  }

  /** The camera's outputs, publishing through a connection the rig owns, observed by the rig. */
  CameraOutputs outputs(BridgeConfig file) {
    publisher = file.mqttBroker().map(MqttPublisher::new).orElse(null);
    if (publisher != null) {
      publisher.start();
    }
    CameraOutputs outputs =
        CameraOutputs.create(
            file.cameras().get(0), Optional.ofNullable(publisher), new SimpleMeterRegistry());
    Consumer<PartOutcome> observer = samples;
    for (BaselineLoop b : baselines) {
      observer = observer.andThen(b);
    }
    outputs.observe(observer);
    outputs.observeWrites(samples);
    return outputs;
  }

  @Override
  public void close() throws Exception {
    if (publisher != null) {
      publisher.close(Duration.ofSeconds(5));
    }
    settle();
    if (subscriber != null) {
      subscriber.close();
    }
    for (BaselineLoop b : baselines) {
      b.close();
    }
    webhook.close();
    broker.close();
  }

  /** Closes what a failed start had started, keeping what went wrong on {@code cause}. */
  private void abandon(Exception cause) {
    try {
      close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /** Waits (bounded) until the subscriber and the receiver have what was written to them. */
  private void settle() throws InterruptedException {
    long end = System.nanoTime() + SETTLE.toNanos();
    Deliveries d = samples.deliveries();
    while ((d.lost(OutputType.MQTT) > 0 || d.lost(OutputType.WEBHOOK) > 0)
        && System.nanoTime() - end < 0) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
