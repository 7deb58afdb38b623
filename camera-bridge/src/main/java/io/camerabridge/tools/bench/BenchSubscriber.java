package io.camerabridge.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.config.OutputType;
import java.io.IOException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MES of {@code bench e2e --outputs}: subscribes the bridge's result topic at QoS 1 and reports
 * the sequence of every message the broker delivers.
 */
final class BenchSubscriber implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MqttClient client;

  private BenchSubscriber(MqttClient client) {
    this.client = client;
  }

  static BenchSubscriber subscribe(String brokerUrl, String topic, Deliveries deliveries) {
    try {
      MqttClient c =
          new MqttClient(brokerUrl, "camera-bridge-bench-subscriber", new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      c.connect(o);
      c.subscribe(
          topic,
          1,
          (t, message) -> deliveries.received(OutputType.MQTT, sequence(message.getPayload())));
      return new BenchSubscriber(c);
    } catch (MqttException e) {
      throw new BenchException("the bench's MQTT subscriber cannot connect to " + brokerUrl, e);
    }
  }

  static long sequence(byte[] json) throws IOException {
    JsonNode n = JSON.readTree(json);
    return n.get("sequence").asLong();
  }

  @Override
  public void close() {
    try {
      client.disconnect(1000);
      client.close();
    } catch (MqttException e) {
      // The broker is going away too.
    }
  }
}
