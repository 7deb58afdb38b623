package io.camerabridge.outputs;

import io.camerabridge.config.OutputConfig;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.outcome.PartOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A camera's mqtt output: one JSON message per outcome, queued on the shared publisher. */
final class MqttOutput implements Output {
  private final String name;
  private final OutputConfig config;
  private final MqttPublisher publisher;
  private final String topicPrefix;
  private final boolean perVerdictTopic;
  private final AtomicInteger queued = new AtomicInteger();
  private OutputMeters meters;

  MqttOutput(String camera, String name, OutputConfig config, MqttPublisher publisher) {
    this.name = name;
    this.config = config;
    this.publisher = publisher;
    String topic = config.topic().replace("{camera}", camera).replace("{output}", name);
    this.perVerdictTopic = topic.contains("{verdict}");
    this.topicPrefix = topic;
  }

  void meters(OutputMeters meters) {
    this.meters = meters;
  }

  OutputMeters meters() {
    return meters;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void offer(PartOutcome part, boolean fires) {
    if (!fires) {
      return;
    }
    String topic =
        perVerdictTopic ? topicPrefix.replace("{verdict}", Payload.lower(part)) : topicPrefix;
    MqttPublisher.Message m =
        new MqttPublisher.Message(
            this, topic, config.context(), config.qos(), config.retain(), part);
    queued.incrementAndGet();
    if (!publisher.offer(m)) {
      queued.decrementAndGet();
      meters.dropped();
    }
  }

  /** The publisher took one of this output's messages off the queue. */
  void dequeued() {
    queued.decrementAndGet();
  }

  @Override
  public OutputHealth health() {
    double down = publisher.disconnectedNanos() / 1e9;
    if (down <= 0) {
      return meters.health();
    }
    return new OutputHealth(
        name, "mqtt", down, "not connected to the broker; " + queued.get() + " outcome(s) queued");
  }

  @Override
  public int queued() {
    return queued.get();
  }

  @Override
  public void close(Duration timeout) {
    // The shared publisher drains and closes once, after every camera.
  }
}
