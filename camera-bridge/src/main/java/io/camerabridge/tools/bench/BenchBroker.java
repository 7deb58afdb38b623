package io.camerabridge.tools.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code mosquitto} on a free loopback port, for {@code bench e2e --outputs}. */
final class BenchBroker implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path conf;

  private BenchBroker(Process process, int port, Path conf) {
    this.process = process;
    this.port = port;
    this.conf = conf;
  }

  static BenchBroker start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = Files.createTempFile("camera-bridge-bench-mosquitto", ".conf");
    Files.writeString(
        conf,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous true\npersistence false\nuser "
            + System.getProperty("user.name")
            + "\n");
    Process p;
    try {
      p =
          new ProcessBuilder("mosquitto", "-c", conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      Files.deleteIfExists(conf);
      throw new BenchException(
          "--outputs needs an MQTT broker: install Debian's mosquitto (scripts/install-deps.sh"
              + " --tests)",
          e);
    }
    BenchBroker broker = new BenchBroker(p, port, conf);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!broker.accepts()) {
      if (System.nanoTime() - deadline > 0 || !p.isAlive()) {
        broker.close();
        throw new BenchException("mosquitto did not start on port " + port);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return broker;
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(conf);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A temporary file left behind.
    }
  }
}
