package io.camerabridge.tools.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto} on a free loopback port, for {@code bench e2e --outputs}.
 *
 * <p>Mosquitto takes its port from its configuration ({@code listener 0} means a Unix socket), so
 * the port is one that was free a moment ago. Readiness is Mosquitto's own log line, never a
 * connection to the port: a process that took the port in between would accept that connection.
 * Mosquitto exits when the port is taken, and the next attempt picks another one.
 */
final class BenchBroker implements AutoCloseable {
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path dir;

  private BenchBroker(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  static BenchBroker start() throws IOException, InterruptedException {
    return start(BenchBroker::freePort);
  }

  /** Tries the ports {@code ports} gives, one per attempt (tests hand it a taken one first). */
  static BenchBroker start(PortSource ports) throws IOException, InterruptedException {
    String lastLog = "";
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path dir = Files.createTempDirectory("camera-bridge-bench-mosquitto");
      int port = ports.next();
      BenchBroker broker = new BenchBroker(launch(dir, port), port, dir);
      if (broker.awaitRunning()) {
        return broker;
      }
      lastLog = broker.log();
      broker.close();
    }
    throw new BenchException("mosquitto did not start: " + lastLog.strip());
  }

  /** Where each attempt's port comes from. */
  @FunctionalInterface
  interface PortSource {
    int next() throws IOException;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Process launch(Path dir, int port) throws IOException {
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous true\npersistence false\nuser "
            + System.getProperty("user.name")
            + "\nlog_dest file "
            + dir.resolve("mosquitto.log")
            + "\n");
    try {
      return new ProcessBuilder("mosquitto", "-c", conf.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("mosquitto.out").toFile())
          .start();
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new BenchException(
          "--outputs needs an MQTT broker: install Debian's mosquitto (scripts/install-deps.sh"
              + " --tests)",
          e);
    }
  }

  /** True once Mosquitto logged that it runs; false when it exited (the port was taken). */
  private boolean awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (process.isAlive() && System.nanoTime() - deadline < 0) {
      if (log().contains(" running")) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return false;
  }

  private String log() {
    StringBuilder text = new StringBuilder();
    for (String name : new String[] {"mosquitto.log", "mosquitto.out"}) {
      try {
        text.append(Files.readString(dir.resolve(name)));
      } catch (IOException e) {
        // Not written yet.
      }
    }
    return text.toString();
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary directory left behind.
    }
  }
}
