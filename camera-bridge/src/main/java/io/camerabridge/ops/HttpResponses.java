package io.camerabridge.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Writes complete responses on the status server's connections: length-delimited, {@code
 * Cache-Control: no-store}, no body for HEAD, the connection closed when the client asked for it.
 * Safe to call from any thread (Netty hands the write to the channel's event loop).
 */
public final class HttpResponses {
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String JSON = "application/json; charset=utf-8";

  private HttpResponses() {}

  /** Sends a UTF-8 text body. */
  public static void send(
      ChannelHandlerContext ctx, HttpRequest request, int status, String type, String body) {
    send(ctx, request, response(status, type, body.getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends bytes. */
  public static void send(
      ChannelHandlerContext ctx, HttpRequest request, int status, String type, byte[] body) {
    send(ctx, request, response(status, type, body));
  }

  /** A response with the common headers set; add more before {@link #send}. */
  public static FullHttpResponse response(int status, String type, byte[] body) {
    ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return response;
  }

  /**
   * Sends a prepared response. The Content-Length is the body's; HEAD gets the headers only. The
   * connection stays open for the next request unless the client said otherwise.
   */
  public static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse r) {
    boolean head = HttpMethod.HEAD.equals(request.method());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      HttpUtil.setContentLength(r, r.content().readableBytes());
    }
    if (head && r.content().isReadable()) {
      FullHttpResponse headers = r.replace(Unpooled.EMPTY_BUFFER);
      r.release();
      r = headers;
    }
    if (!keepAlive) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    var written = ctx.writeAndFlush(r);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    // A request whose answer was prepared off the event loop paused reading; resume it.
    written.addListener(f -> ctx.channel().config().setAutoRead(true));
  }
}
