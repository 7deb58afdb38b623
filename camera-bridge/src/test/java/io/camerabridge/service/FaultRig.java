package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import io.camerabridge.pekat.ApiKey;
import io.camerabridge.tools.sim.PekatSimulator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What the reliability tests share: a config with a small frame and an API key, every log event of
 * the run, scrapes of {@code /metrics} and {@code /health}, and the process's threads and open file
 * descriptors. Attach with {@link #attach()} before the bridge starts; {@link #close()} detaches.
 */
final class FaultRig implements AutoCloseable {
  /** A key no test output could contain by chance; it must never leave the client. */
  static final String API_KEY = "sk-reliability-7f3a9c1e55d24b08";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> texts = new ArrayList<>();

  private FaultRig() {}

  /** A simulator on loopback and an ephemeral port that enforces {@link #API_KEY}; add options. */
  static PekatSimulator.Builder simulator() {
    return PekatSimulator.builder().host("127.0.0.1").port(0).apiKey(ApiKey.of(API_KEY));
  }

  static FaultRig attach() {
    FaultRig rig = new FaultRig();
    rig.logs.start();
    rig.root.addAppender(rig.logs);
    return rig;
  }

  /**
   * A one-camera config: 640x480 Mono8 at {@code fps}, the simulator's key, a journal in {@code
   * dir}; {@code pekatExtra} and {@code cameraExtra} lines go under {@code pekat:} and the camera.
   */
  static String config(
      String id,
      String device,
      URI pekat,
      Path dir,
      int fps,
      List<String> pekatExtra,
      List<String> cameraExtra) {
    return config(camera(id, device, pekat, dir, fps, pekatExtra, cameraExtra));
  }

  /** The service's settings (any metrics port, a 3 s drain) with these cameras. */
  static String config(CameraYaml... cameras) {
    ConfigYaml config = ConfigYaml.create().metricsListen("127.0.0.1:0").drainTimeout("3s");
    for (CameraYaml camera : cameras) {
      config.camera(camera);
    }
    return config.toYaml();
  }

  /**
   * One camera entry of {@link #config}; a {@code gige:} or {@code results:} in {@code cameraExtra}
   * replaces the default one (no packet socket; a journal in {@code dir}).
   */
  static CameraYaml camera(
      String id,
      String device,
      URI pekat,
      Path dir,
      int fps,
      List<String> pekatExtra,
      List<String> cameraExtra) {
    return CameraYaml.of(id, device)
        .pixelFormat("Mono8")
        .size(640, 480)
        .frameRate(fps)
        .exposure("2ms")
        .gige("packetSocket", false)
        .pekat(pekat)
        .pekat("apiKey", API_KEY)
        .journal(dir.resolve(id + ".jsonl"))
        .yaml(String.join("\n", cameraExtra))
        .yaml("pekat", String.join("\n", pekatExtra));
  }

  /** GET {@code path} from the bridge's status server; the body is kept for the secret check. */
  String get(Bridge bridge, String path) {
    InetSocketAddress a = bridge.statusAddress().orElseThrow();
    URI uri = URI.create("http://" + Bridge.hostPort(a) + path);
    try {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      synchronized (texts) {
        texts.add(body);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sum of the Prometheus samples of {@code name} whose labels contain every {@code label="value"}
   * in {@code labels}, from a fresh scrape; 0 when there is none.
   */
  double metric(Bridge bridge, String name, String... labels) {
    return sum(get(bridge, "/metrics"), name, labels);
  }

  static double sum(String exposition, String name, String... labels) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= line.contains(label);
      }
      if (all) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** Keeps a text (an exception message, a process's output) for {@link #assertNoSecret}. */
  void keep(String text) {
    synchronized (texts) {
      texts.add(text);
    }
  }

  /** The key is in no log message, argument, exception text, scrape or kept text. */
  void assertNoSecret() {
    List<String> all = new ArrayList<>();
    synchronized (texts) {
      all.addAll(texts);
    }
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      all.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        all.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    assertThat(all).as("log lines, scrapes and exception texts").isNotEmpty();
    assertThat(all).noneMatch(t -> t != null && t.contains(API_KEY));
  }

  /** Formatted log messages from loggers whose name contains {@code loggerPart}. */
  List<String> messages(String loggerPart) {
    return List.copyOf(logs.list).stream()
        .filter(e -> e.getLoggerName().contains(loggerPart))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Netty's paranoid leak detector reported nothing (after provoking it to look). */
  void assertNoNettyLeaks() {
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 64; i++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
        probe.release();
      }
    }
    assertThat(List.copyOf(logs.list))
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains("LEAK:"));
  }

  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Heap in use after a full collection, in bytes. */
  static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    root.detachAppender(logs);
    logs.stop();
  }
}
