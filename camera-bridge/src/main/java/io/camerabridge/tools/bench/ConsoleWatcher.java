package io.camerabridge.tools.bench;

import io.camerabridge.config.BridgeConfig;
import io.camerabridge.console.Console;
import io.camerabridge.metrics.BridgeMetrics;
import io.camerabridge.ops.StatusServer;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench e2e --console}: the service's console on a status server of its own, and one page
 * watching it the way the browser page does — the event stream open, and the preview fetched each
 * time an event names a new one. Its CPU counts as the bridge's (it runs in the same process), so
 * the figure is, if anything, too high.
 */
final class ConsoleWatcher implements AutoCloseable {
  private static final Pattern PREVIEW_ID = Pattern.compile("\"previewId\":(\\d+)");

  private final BridgeMetrics metrics = new BridgeMetrics();
  private final AtomicReference<CameraPipeline> pipeline = new AtomicReference<>();
  private final Console console;
  private final StatusServer server;
  private final AtomicLong previews = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private Thread page;

  ConsoleWatcher(BridgeConfig config) {
    console =
        new Console(
            config, id -> Optional.ofNullable(pipeline.get()), metrics.registry(), id -> null);
    server =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0),
            metrics.registry(),
            List::of,
            console.routes(),
            StatusServer.Limits.DEFAULT);
  }

  FrameTap tap(String cameraId) {
    return console.tap(cameraId);
  }

  /** Starts the console and the watching page. */
  void start(CameraPipeline watched) {
    pipeline.set(watched);
    server.start();
    console.start();
    URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
    page = new Thread(() -> watch(base, watched.id()), "bench-console-page");
    page.setDaemon(true);
    page.start();
  }

  /**
   * CPU time so far of every thread the console and its page use (console-*, status-http, the page
   * and its HTTP client), in nanoseconds: the console's own cost, apart from the noise of the rest.
   */
  static long threadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && isConsoleThread(t.getThreadName())) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  private static boolean isConsoleThread(String name) {
    return name.startsWith("console-")
        || name.startsWith("status-http")
        || name.startsWith("bench-console-page")
        || name.startsWith("HttpClient-");
  }

  /** Previews the page fetched. */
  long previewsFetched() {
    return previews.get();
  }

  private void watch(URI base, String id) {
    try {
      HttpResponse<InputStream> events =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/events")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      long shown = -1;
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          Matcher m = PREVIEW_ID.matcher(line);
          if (m.find() && Long.parseLong(m.group(1)) != shown) {
            shown = Long.parseLong(m.group(1));
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/cameras/" + id + "/preview.jpg")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            previews.incrementAndGet();
          }
        }
      }
    } catch (java.io.IOException e) {
      // The console closed: the run is over.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    console.close();
    server.close();
    metrics.close();
  }
}
