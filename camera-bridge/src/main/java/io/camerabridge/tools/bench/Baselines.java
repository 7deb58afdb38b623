package io.camerabridge.tools.bench;

import io.camerabridge.bindings.aravis.fake.FakeGenicam;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.outcome.Outcome;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The baselines {@code bench e2e --outputs} runs next to the line and mqtt outputs. */
final class Baselines {
  private static final String TOPIC = "camera-bridge-bench/baseline";

  /** About the size of the bridge's summary payload. */
  private static final byte[] PAYLOAD =
      ("{\"camera\":\"bench\",\"sequence\":1842,\"frameId\":4711,\"verdict\":\"NG\","
              + "\"decision\":\"NG\",\"defects\":0,\"timestamp\":\"2026-12-02T07:41:12.345678Z\","
              + "\"latencyMs\":38.412,\"late\":false,\"classes\":{}}")
          .getBytes(StandardCharsets.UTF_8);

  private Baselines() {}

  /**
   * A plain Paho client of its own publishing the same size at QoS 1 to the same broker,
   * synchronously until the PUBACK, for every part (as the mqtt output).
   */
  static BaselineLoop barePaho(String brokerUrl) {
    try {
      MqttClient c =
          new MqttClient(brokerUrl, "camera-bridge-bench-baseline", new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      c.connect(o);
      return new BaselineLoop(
          "mqtt",
          part -> true,
          () -> c.publish(TOPIC, PAYLOAD, 1, false),
          () -> {
            c.disconnect(1000);
            c.close();
          });
    } catch (MqttException e) {
      throw new BenchException("the baseline MQTT client cannot connect to " + brokerUrl, e);
    }
  }

  /**
   * One plain GVCP READREG round trip (a Java UDP socket, no Aravis) of the line's register to the
   * same fake camera, for every part the line fires on (ng, timeout, error).
   */
  static BaselineLoop bareGvcp(FakeGvCameraProcess camera) {
    int register = FakeGenicam.userOutputValue(1);
    return new BaselineLoop(
        "line", part -> part.outcome() != Outcome.OK, () -> camera.readRegister(register), null);
  }
}
