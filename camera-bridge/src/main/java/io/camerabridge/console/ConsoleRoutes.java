package io.camerabridge.console;

import io.camerabridge.ops.HttpResponses;
import io.camerabridge.ops.StatusRoutes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's paths on the status server: the page, the sign-in form and {@code /api/}. The event
 * loop only copies the request and hands it to the console's own thread, so a password check or an
 * image read never delays {@code /health}; when that thread is behind, the answer is 503 at once.
 * Every answer carries strict headers: nothing from another origin, no framing, no sniffing.
 */
final class ConsoleRoutes implements StatusRoutes {
  static final List<String[]> SECURITY_HEADERS =
      List.of(
          new String[] {
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
          },
          new String[] {"X-Content-Type-Options", "nosniff"},
          new String[] {"X-Frame-Options", "DENY"},
          new String[] {"Referrer-Policy", "no-referrer"},
          new String[] {"Cross-Origin-Opener-Policy", "same-origin"},
          new String[] {"Cross-Origin-Resource-Policy", "same-origin"});

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);

  /** Open without sign-in: they carry no data and the sign-in page needs them. */
  private static final List<String> PUBLIC = List.of("/login", "/login.js", "/console.css");

  private final ConsoleAssets assets;
  private final ConsoleAuth auth;
  private final ConsoleApi api;
  private final Executor http;

  ConsoleRoutes(ConsoleAssets assets, ConsoleAuth auth, ConsoleApi api, Executor http) {
    this.assets = assets;
    this.auth = auth;
    this.api = api;
    this.http = http;
  }

  @Override
  public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).rawPath();
    if (!ConsoleAssets.isAsset(path) && !path.equals("/api") && !path.startsWith("/api/")) {
      return false;
    }
    ConsoleRequest copy = ConsoleRequest.copyOf(request);
    // One request at a time per connection: the answer comes from another thread.
    ctx.channel().config().setAutoRead(false);
    try {
      http.execute(() -> serve(ctx, copy));
    } catch (RejectedExecutionException e) {
      send(ctx, copy, json(503, "{\"error\":\"the console is busy; try again\"}"));
    }
    return true;
  }

  private void serve(ChannelHandlerContext ctx, ConsoleRequest request) {
    try {
      String path = request.rawPath();
      if (path.equals("/login") && request.isPost()) {
        signIn(ctx, request);
      } else if (!request.isGet()) {
        FullHttpResponse r = json(405, "{\"error\":\"only GET and HEAD\"}");
        r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        send(ctx, request, r);
      } else if (PUBLIC.contains(path) || auth.allows(request)) {
        route(ctx, request, path);
      } else {
        send(ctx, request, refusal(path));
      }
    } catch (RuntimeException e) {
      LOG.warn("Console request {} failed: {}", request.rawPath(), e.toString());
      send(ctx, request, json(500, "{\"error\":\"internal error\"}"));
    }
  }

  private void route(ChannelHandlerContext ctx, ConsoleRequest request, String path) {
    var asset = assets.get(path);
    if (asset.isPresent()) {
      send(ctx, request, HttpResponses.response(200, asset.get().type(), asset.get().bytes()));
    } else if (path.equals("/api/events")) {
      if (!api.startEvents(ctx)) {
        send(ctx, request, json(503, "{\"error\":\"too many open consoles\"}"));
      }
    } else {
      send(ctx, request, api.answer(request));
    }
  }

  private FullHttpResponse refusal(String path) {
    if (auth.mode() == ConsoleAuth.Mode.TOKEN && (path.equals("/") || path.equals("/index.html"))) {
      FullHttpResponse r = HttpResponses.response(303, HttpResponses.TEXT, new byte[0]);
      r.headers().set(HttpHeaderNames.LOCATION, "/login");
      return r;
    }
    FullHttpResponse r = json(401, "{\"error\":\"sign in to use the console\"}");
    switch (auth.mode()) {
      case BASIC ->
          r.headers()
              .set(
                  HttpHeaderNames.WWW_AUTHENTICATE,
                  "Basic realm=\"camera-bridge console\", charset=\"UTF-8\"");
      case TOKEN ->
          r.headers()
              .set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"camera-bridge console\"");
      default ->
          r.content()
              .clear()
              .writeBytes(
                  ("{\"error\":\"the console is not served on this address without console.auth\"}")
                      .getBytes(StandardCharsets.UTF_8));
    }
    return r;
  }

  private void signIn(ChannelHandlerContext ctx, ConsoleRequest request) {
    var cookie = auth.signIn(request.body());
    FullHttpResponse r = HttpResponses.response(303, HttpResponses.TEXT, new byte[0]);
    if (cookie.isEmpty()) {
      r.headers().set(HttpHeaderNames.LOCATION, "/login?failed");
    } else {
      DefaultCookie c = new DefaultCookie(ConsoleAuth.COOKIE, cookie.get());
      c.setHttpOnly(true);
      c.setPath("/");
      c.setMaxAge(400L * 24 * 3600);
      c.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
      r.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(c));
      r.headers().set(HttpHeaderNames.LOCATION, "/");
    }
    send(ctx, request, r);
  }

  static FullHttpResponse json(int status, String body) {
    return HttpResponses.response(
        status, HttpResponses.JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(ChannelHandlerContext ctx, ConsoleRequest request, FullHttpResponse r) {
    for (String[] h : SECURITY_HEADERS) {
      r.headers().set(h[0], h[1]);
    }
    HttpResponses.send(ctx, request.head(), r);
  }
}
