package io.camerabridge.tools.bench;

import com.sun.net.httpserver.HttpServer;
import io.camerabridge.config.OutputType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * An HTTP server on a free loopback port that reports each POSTed outcome's sequence and answers
 * 204, for {@code --outputs}.
 */
final class WebhookSink implements AutoCloseable {
  private final HttpServer server;

  private WebhookSink(HttpServer server) {
    this.server = server;
  }

  static WebhookSink start(Deliveries deliveries) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/verdicts",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            deliveries.received(OutputType.WEBHOOK, BenchSubscriber.sequence(in.readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
          } finally {
            exchange.close();
          }
        });
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-webhook");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new WebhookSink(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/verdicts";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
