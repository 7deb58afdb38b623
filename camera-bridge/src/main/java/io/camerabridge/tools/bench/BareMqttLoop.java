package io.camerabridge.tools.bench;

import io.camerabridge.outcome.PartOutcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The baseline of the mqtt output in {@code bench e2e --outputs}: at the same moments (each decided
 * outcome), a thread of its own is handed a token through a bounded queue and publishes a message
 * of the same size at QoS 1 to the same broker with its own plain Paho client, synchronously until
 * the PUBACK. Hand-over plus a bare publish is the least any MQTT output can add on this host under
 * this load; the bridge's own code is what its mqtt output adds beyond that.
 */
final class BareMqttLoop implements Consumer<PartOutcome>, AutoCloseable {
  private static final String TOPIC = "camera-bridge-bench/baseline";
  private static final byte[] PAYLOAD = payload();

  private final MqttClient client;
  private final BlockingQueue<Long> triggers = new ArrayBlockingQueue<>(1024);
  private final AtomicLong overflow = new AtomicLong();
  private final LatencySamples added = new LatencySamples(1 << 14);
  private final LatencySamples waited = new LatencySamples(1 << 14);
  private final LatencySamples wrote = new LatencySamples(1 << 14);
  private final Thread worker;
  private volatile boolean recording;
  private volatile boolean running = true;

  private BareMqttLoop(MqttClient client) {
    this.client = client;
    this.worker = new Thread(this::run, "bench-bare-mqtt");
    worker.setDaemon(true);
    worker.start();
  }

  static BareMqttLoop connect(String brokerUrl) {
    try {
      MqttClient c =
          new MqttClient(brokerUrl, "camera-bridge-bench-baseline", new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      c.connect(o);
      return new BareMqttLoop(c);
    } catch (MqttException e) {
      throw new BenchException("the baseline MQTT client cannot connect to " + brokerUrl, e);
    }
  }

  void recording(boolean on) {
    recording = on;
  }

  /** A part was decided: publish one message now (the results thread; never blocks). */
  @Override
  public void accept(PartOutcome part) {
    if (recording && !triggers.offer(System.nanoTime())) {
      overflow.incrementAndGet();
    }
  }

  private void run() {
    while (running) {
      try {
        Long trigger = triggers.poll(100, TimeUnit.MILLISECONDS);
        if (trigger == null) {
          continue;
        }
        long started = System.nanoTime();
        client.publish(TOPIC, PAYLOAD, 1, false);
        long done = System.nanoTime();
        synchronized (this) {
          added.record(done - trigger);
          waited.record(started - trigger);
          wrote.record(done - started);
        }
      } catch (InterruptedException e) {
        return;
      } catch (MqttException e) {
        overflow.incrementAndGet();
      }
    }
  }

  /** Trigger → PUBACK. */
  synchronized LatencySamples.Percentiles added() {
    return added.percentiles();
  }

  /** Trigger → the thread taking the token: a bare hand-over. */
  synchronized LatencySamples.Percentiles waited() {
    return waited.percentiles();
  }

  /** Publish → PUBACK. */
  synchronized LatencySamples.Percentiles wrote() {
    return wrote.percentiles();
  }

  /** Triggers not measured: queue full or a failed publish. */
  long missed() {
    return overflow.get();
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(5000);
      client.disconnect(1000);
      client.close();
    } catch (MqttException e) {
      // The broker is going away too.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** About the size of the bridge's summary payload. */
  private static byte[] payload() {
    return ("{\"camera\":\"bench\",\"sequence\":1842,\"frameId\":4711,\"verdict\":\"NG\","
            + "\"decision\":\"NG\",\"defects\":0,\"timestamp\":\"2026-12-02T07:41:12.345678Z\","
            + "\"latencyMs\":38.412,\"late\":false,\"classes\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
