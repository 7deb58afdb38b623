package io.camerabridge.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /metrics}, {@code /health} and {@code /ready} on the status server's event loop,
 * and hands every other path to the {@link StatusRoutes}. Shared by all connections.
 */
@ChannelHandler.Sharable
final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

  private final PrometheusMeterRegistry registry;
  private final HealthSource health;
  private final BooleanSupplier ready;
  private final StatusRoutes routes;

  StatusHandler(
      PrometheusMeterRegistry registry,
      HealthSource health,
      BooleanSupplier ready,
      StatusRoutes routes) {
    this.registry = registry;
    this.health = health;
    this.ready = ready;
    this.routes = routes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    DecoderResult decoded = request.decoderResult();
    if (decoded.isFailure()) {
      // Too long a line or header block, or not HTTP at all: answer once and hang up.
      request.headers().set(HttpHeaderNames.CONNECTION, "close");
      HttpResponses.send(ctx, request, 400, HttpResponses.TEXT, "Bad request.\n");
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    boolean get =
        HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
    switch (path) {
      case "/metrics", "/health", "/ready" -> {
        if (!get) {
          notAllowed(ctx, request);
        } else {
          status(ctx, request, path);
        }
      }
      default -> {
        if (!routes.handle(ctx, request)) {
          fallback(ctx, request, path, get);
        }
      }
    }
  }

  private void status(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    switch (path) {
      case "/metrics" -> metrics(ctx, request);
      case "/health" -> {
        HealthReport report = HealthReport.of(health.cameras(), health.plc());
        HttpResponses.send(
            ctx, request, report.healthy() ? 200 : 503, HttpResponses.JSON, report.toJson());
      }
      default -> {
        boolean isReady = ready.getAsBoolean();
        HttpResponses.send(
            ctx, request, isReady ? 200 : 503, HttpResponses.JSON, "{\"ready\":" + isReady + "}\n");
      }
    }
  }

  private void fallback(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean get) {
    if (!get) {
      notAllowed(ctx, request);
    } else if (path.equals("/")) {
      HttpResponses.send(ctx, request, 200, HttpResponses.TEXT, "/metrics\n/health\n/ready\n");
    } else {
      HttpResponses.send(
          ctx, request, 404, HttpResponses.TEXT, "Try /metrics, /health or /ready.\n");
    }
  }

  private static void notAllowed(ChannelHandlerContext ctx, FullHttpRequest request) {
    FullHttpResponse r =
        HttpResponses.response(
            405, HttpResponses.TEXT, "Only GET and HEAD are served.\n".getBytes());
    r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
    HttpResponses.send(ctx, request, r);
  }

  private void metrics(ChannelHandlerContext ctx, FullHttpRequest request) {
    String type = negotiate(request.headers().get(HttpHeaderNames.ACCEPT));
    FullHttpResponse r = HttpResponses.response(200, type, new byte[0]);
    if (!HttpMethod.HEAD.equals(request.method())) {
      r = r.replace(ctx.alloc().buffer(64 * 1024));
      try (ByteBufOutputStream out = new ByteBufOutputStream(r.content())) {
        registry.scrape(out, type);
      } catch (IOException | RuntimeException e) {
        r.release();
        LOG.warn("Scraping the metrics failed: {}", e.toString());
        HttpResponses.send(ctx, request, 500, HttpResponses.TEXT, "Scrape failed.\n");
        return;
      }
    }
    HttpResponses.send(ctx, request, r);
  }

  /** OpenMetrics only when the scraper lists it; Prometheus text otherwise. */
  static String negotiate(String accept) {
    if (accept != null
        && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")) {
      return OPENMETRICS_TEXT;
    }
    return PROMETHEUS_TEXT;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A scraper that hangs up mid-response is normal; anything else is worth a debug line.
    LOG.debug("Status connection failed: {}", cause.toString());
    ctx.close();
  }
}
