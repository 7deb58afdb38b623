package io.camerabridge.outputs;

import io.camerabridge.config.ContextDetail;
import io.camerabridge.config.MqttConfig;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.outcome.PartOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one connection to the MQTT broker of the {@code mqtt:} block, shared by every mqtt
 * output. Messages wait in one bounded queue (a full queue drops the new message, counted by its
 * output) and are published in order by one thread ({@code mqtt-publisher}), which also connects
 * and reconnects with back-off: nothing that offers a message ever waits for the broker.
 *
 * <p>Delivery: QoS 1 messages are published synchronously until the broker's PUBACK; one whose
 * connection broke on the way is published again after the reconnect (at least once). A QoS 0
 * message is at most once: one that fails is counted failed. The status topic says {@code online}
 * (retained) after each connect and {@code offline} as the last will and on a clean stop.
 */
public final class MqttPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  private static final Duration BACKOFF_INITIAL = Duration.ofMillis(250);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
  private static final byte[] ONLINE = "online".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);

  /** One message; the JSON is written on the publisher thread, not where outcomes are decided. */
  record Message(
      MqttOutput from,
      String topic,
      ContextDetail context,
      int qos,
      boolean retain,
      PartOutcome part) {}

  private final MqttConfig config;
  private final BlockingQueue<Message> queue;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread worker;
  private final RateLimitedLog problems = new RateLimitedLog(LOG, Duration.ofMinutes(1));
  private volatile boolean connected;
  // System.nanoTime() when the connection was last lost (or the publisher created), so /health can
  // say for how long the broker has been unreachable; CONNECTED while it is up.
  private static final long CONNECTED = Long.MIN_VALUE;
  private volatile long downSinceNanos = System.nanoTime();
  private volatile long drainUntilNanos = Long.MAX_VALUE;
  private MqttClient client;

  public MqttPublisher(MqttConfig config) {
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queue());
    this.worker = new Thread(this::run, "mqtt-publisher");
    this.worker.setDaemon(true);
  }

  /** Starts connecting; returns at once. */
  public void start() {
    worker.start();
  }

  /** Whether the broker connection is up. */
  public boolean isConnected() {
    return connected;
  }

  /** How long the broker connection has been down, in nanoseconds; 0 while connected. */
  public long disconnectedNanos() {
    long since = downSinceNanos;
    return since == CONNECTED ? 0 : Math.max(1, System.nanoTime() - since);
  }

  /** Queues a message; false when the queue is full (the caller counts the drop). */
  boolean offer(Message m) {
    return queue.offer(m);
  }

  /**
   * Publishes what is queued for at most {@code timeout} (while connected), says {@code offline}
   * and disconnects.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }

  public void close(Duration timeout) {
    drainUntilNanos = System.nanoTime() + timeout.toNanos();
    stop.countDown();
    try {
      // Beyond the drain, one bounded connect or publish may still be under way (Paho's waits
      // are capped by setTimeToWait); a broker that hangs longer is given up on, not waited for.
      worker.join(timeout.toMillis() + 3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = 0;
    for (Message m; (m = queue.poll()) != null; left++) {
      m.from().dequeued();
      m.from().meters().dropped();
    }
    if (worker.isAlive() || left > 0) {
      LOG.warn(
          "MQTT: gave up on {} at shutdown after {} ms{}; {} queued message(s) not published"
              + " (counted as dropped)",
          config.broker(),
          timeout.toMillis(),
          worker.isAlive() ? " (the broker does not answer)" : "",
          left);
    }
  }

  private void run() {
    Duration backoff = BACKOFF_INITIAL;
    Message pending = null;
    try {
      while (!(stopping() && (!canDrain() || (pending == null && queue.isEmpty())))) {
        if (client == null || !client.isConnected()) {
          markDown();
          if (!connect()) {
            stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
            backoff = min(backoff.multipliedBy(2), BACKOFF_MAX);
            continue;
          }
          backoff = BACKOFF_INITIAL;
        }
        Message m = pending != null ? pending : queue.poll(100, TimeUnit.MILLISECONDS);
        pending = m == null ? null : publish(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (pending != null) {
        pending.from().dequeued();
        pending.from().meters().dropped();
      }
      disconnect();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /** Publishes one message; returns it when it must be published again after a reconnect. */
  private Message publish(Message m) {
    long started = OutputMeters.epochNanosNow();
    try {
      client.publish(m.topic(), Payload.of(m.part(), m.context()), m.qos(), m.retain());
      m.from().dequeued();
      m.from().meters().fired(m.part(), started);
      return null;
    } catch (MqttException e) {
      problems.warn(
          "publish",
          "MQTT: publishing to {} failed ({}); reconnecting",
          config.broker(),
          e.getMessage());
      dropConnection();
      if (m.qos() == 1) {
        return m;
      }
      m.from().dequeued();
      m.from().meters().failed();
      return null;
    }
  }

  private boolean connect() {
    try {
      if (client == null) {
        client =
            new MqttClient(config.broker().toString(), config.clientId(), new MemoryPersistence());
        client.setTimeToWait(config.connectTimeout().toMillis() * 2);
      }
      client.connect(options());
      client.publish(config.resolvedStatusTopic(), ONLINE, 1, true);
      connected = true;
      downSinceNanos = CONNECTED;
      LOG.info("MQTT: connected to {} as {}", config.broker(), config.clientId());
      return true;
    } catch (MqttException e) {
      problems.warn(
          "connect",
          "MQTT: cannot connect to {} ({}); retrying with back-off up to {}",
          config.broker(),
          e.getMessage(),
          BACKOFF_MAX);
      dropConnection();
      return false;
    }
  }

  private MqttConnectOptions options() {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setCleanSession(true);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    o.setWill(config.resolvedStatusTopic(), OFFLINE, 1, true);
    config.user().ifPresent(o::setUserName);
    config.secret().ifPresent(s -> o.setPassword(s.reveal().toCharArray()));
    return o;
  }

  private void markDown() {
    connected = false;
    if (downSinceNanos == CONNECTED) {
      downSinceNanos = System.nanoTime();
    }
  }

  private void dropConnection() {
    markDown();
    if (client != null) {
      try {
        client.disconnectForcibly(0, 100, false);
      } catch (MqttException e) {
        // Already gone.
      }
      try {
        client.close(true);
      } catch (MqttException e) {
        // Already closed.
      }
      client = null;
    }
  }

  private void disconnect() {
    if (client != null && client.isConnected()) {
      try {
        client.publish(config.resolvedStatusTopic(), OFFLINE, 1, true);
        client.disconnect(1000);
      } catch (MqttException e) {
        LOG.debug("MQTT: clean disconnect failed: {}", e.getMessage());
      }
    }
    dropConnection();
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  private boolean canDrain() {
    return System.nanoTime() - drainUntilNanos < 0;
  }
}
