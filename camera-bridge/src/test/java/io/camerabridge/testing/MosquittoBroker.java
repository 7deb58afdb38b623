package io.camerabridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) on a free loopback port, with persistence in
 * a test directory so that a stop (SIGTERM) and start keeps the subscribers' sessions (a kill keeps
 * those of the last {@link #saveSessions()}), and subscribers run as {@code mosquitto_sub}
 * processes: an MQTT implementation independent of the one under test.
 */
public final class MosquittoBroker implements AutoCloseable {
  private static final int START_ATTEMPTS = 3;

  private final Path dir;
  private final int port;
  private final List<Process> subscribers = new ArrayList<>();
  private Process broker;

  private MosquittoBroker(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts a broker on a port that was free a moment ago. Mosquitto takes its port from the
   * configuration file, so it cannot be told to bind port 0: if another process takes the port
   * first, Mosquitto exits ("Address already in use") and the next attempt picks another port.
   */
  public static MosquittoBroker start(Path dir) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      MosquittoBroker b = new MosquittoBroker(dir, port);
      b.writeConfig();
      try {
        b.startBroker();
        return b;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private void writeConfig() throws IOException {
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        "listener "
            + port
            + " 127.0.0.1\n"
            + "allow_anonymous true\n"
            // Run as root, mosquitto drops to its own user, which cannot write the test directory.
            + "user "
            + System.getProperty("user.name")
            + "\n"
            + "persistence true\n"
            + "persistence_location "
            + dir.toAbsolutePath()
            + "/\n"
            + "log_dest file "
            + log().toAbsolutePath()
            + "\n");
  }

  private Path log() {
    return dir.resolve("mosquitto.log");
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:PORT}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Starts the broker again on the same port (after {@link #stop()}): the restart on that port is
   * what the callers test. Returns once Mosquitto logged that it runs, so a port taken by another
   * process is an error here, not a broker that seems to accept connections.
   */
  public void startBroker() throws IOException {
    long logged = Files.exists(log()) ? Files.size(log()) : 0;
    broker =
        new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.out").toFile()))
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !broker.isAlive() || loggedSince(logged).contains(" running"));
    if (!broker.isAlive()) {
      throw new IOException(
          "mosquitto exited with "
              + broker.exitValue()
              + " on port "
              + port
              + ": "
              + loggedSince(logged));
    }
  }

  private String loggedSince(long offset) throws IOException {
    if (!Files.exists(log())) {
      return "";
    }
    byte[] all = Files.readAllBytes(log());
    return new String(
        all,
        (int) Math.min(offset, all.length),
        (int) Math.max(0, all.length - offset),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Stops the broker (SIGTERM: it saves its sessions) and waits for it to exit. */
  public void stop() throws InterruptedException {
    if (broker != null && broker.isAlive()) {
      broker.destroy();
      if (!broker.waitFor(20, TimeUnit.SECONDS)) {
        broker.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * Kills the broker (SIGKILL: no goodbye, no last wills sent, nothing saved) and waits for it to
   * exit. What survives is the last database written by {@link #saveSessions()}.
   */
  public void kill() throws InterruptedException {
    if (broker != null && broker.isAlive()) {
      broker.destroyForcibly().waitFor();
    }
  }

  /**
   * Makes the running broker write its database (SIGUSR1) and waits until it has: the subscribers'
   * sessions then survive a {@link #kill()}, as with a production broker's autosave.
   */
  public void saveSessions() throws IOException, InterruptedException {
    Path db = dir.resolve("mosquitto.db");
    FileTime before =
        Files.exists(db) ? Files.getLastModifiedTime(db) : FileTime.fromMillis(Long.MIN_VALUE);
    Process signal =
        new ProcessBuilder("kill", "-USR1", Long.toString(broker.pid()))
            .redirectErrorStream(true)
            .start();
    if (!signal.waitFor(20, TimeUnit.SECONDS) || signal.exitValue() != 0) {
      throw new IOException(
          "kill -USR1 failed: " + new String(signal.getInputStream().readAllBytes()));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Files.exists(db) && Files.getLastModifiedTime(db).compareTo(before) > 0);
  }

  public boolean isRunning() {
    return broker != null && broker.isAlive();
  }

  /**
   * Subscribes {@code topic} at QoS 1 with a persistent session ({@code -c}), writing {@code topic
   * payload} lines to {@code out}; returns at once ({@link #awaitSubscribed} waits for the
   * subscription to be in place).
   */
  public Path subscribe(String id, String topic) throws IOException {
    Path out = dir.resolve(id + ".out");
    Process p =
        new ProcessBuilder(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-i",
                id,
                "-c",
                "-q",
                "1",
                "-v",
                "-t",
                topic)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    subscribers.add(p);
    return out;
  }

  /**
   * Publishes probes to {@code probeTopic} (which the subscriber writing {@code out} subscribed)
   * until the subscriber has written one: its subscription is then in place.
   */
  public void awaitSubscribed(Path out, String probeTopic) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              publish(probeTopic, "probe", false);
              return Files.readAllLines(out).stream().anyMatch(l -> l.startsWith(probeTopic + " "));
            });
  }

  /** Publishes one message with {@code mosquitto_pub} (e.g. a probe). */
  public void publish(String topic, String message, boolean retain)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-q",
                "1",
                "-t",
                topic,
                "-m",
                message));
    if (retain) {
      cmd.add("-r");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(
          "mosquitto_pub failed: " + new String(p.getInputStream().readAllBytes()));
    }
  }

  /** Reads one retained message of {@code topic} with {@code mosquitto_sub -C 1}. */
  public String retained(String topic) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-C",
                "1",
                "-W",
                "10",
                "-t",
                topic)
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor(20, TimeUnit.SECONDS);
    return text;
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : subscribers) {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    stop();
  }
}
