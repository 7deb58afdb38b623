package io.camerabridge.tools.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Arrays;
import java.util.Map;

/** Puts a {@link SimResponse} on the wire, either faithfully or broken as a {@link Fault} says. */
final class ResponseWriter {
  /** How much shorter than the body {@link Fault#WRONG_CONTENT_LENGTH} declares it. */
  static final int CONTENT_LENGTH_SHORTFALL = 16;

  private static final String TRACEBACK =
      """
      Traceback (most recent call last):
        File "/pekat/server/api.py", line 212, in analyze_raw_image
          image = decode_image(request.data, width, height)
        File "/pekat/server/image.py", line 57, in decode_image
          return cv2.imdecode(buffer, cv2.IMREAD_UNCHANGED)
      cv2.error: OpenCV(4.8.0) :-1: error: (-5:Bad argument) in function 'imdecode'
      (pekat-sim: injected fault bad-request-traceback)
      """;

  private ResponseWriter() {}

  /**
   * Writes the answer.
   *
   * @param head whether the request was HEAD (headers with the GET length, no body)
   * @return the future of the last write, or {@code null} if nothing is written ({@link
   *     Fault#HANG})
   */
  static ChannelFuture write(
      ChannelHandlerContext ctx, SimResponse r, Fault fault, boolean head, boolean keepAlive) {
    return switch (fault) {
      case NONE, REFUSE_CONNECTIONS, FLOW_ERROR -> full(ctx, r, head, keepAlive, r.body().length);
      case HTTP_500 ->
          full(
              ctx,
              SimResponse.text(500, "Internal Server Error (pekat-sim: injected fault http-500)"),
              false,
              keepAlive,
              -1);
      case BAD_REQUEST_TRACEBACK ->
          full(
              ctx,
              new SimResponse(400, SimResponse.TEXT, utf8(TRACEBACK), Map.of(), null),
              false,
              keepAlive,
              -1);
      case MALFORMED_JSON -> full(ctx, cutJson(r), false, keepAlive, -1);
      case TRUNCATED_BODY -> partial(ctx, r, Math.max(1, r.body().length / 2));
      case CLOSE_MID_RESPONSE -> partial(ctx, r, 0);
      case CLOSE_BEFORE_RESPONSE -> ctx.close();
      case HANG -> null;
      case WRONG_CONTENT_LENGTH ->
          full(ctx, r, false, keepAlive, Math.max(0, r.body().length - CONTENT_LENGTH_SHORTFALL));
    };
  }

  private static ChannelFuture full(
      ChannelHandlerContext ctx, SimResponse r, boolean head, boolean keepAlive, int length) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(r.status()),
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
    headers(response.headers(), r, length < 0 ? r.body().length : length);
    HttpUtil.setKeepAlive(response, keepAlive);
    ChannelFuture future = ctx.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
    return future;
  }

  /** Announces the whole body, sends {@code sent} bytes of it, then closes the connection. */
  private static ChannelFuture partial(ChannelHandlerContext ctx, SimResponse r, int sent) {
    HttpResponse response =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()));
    headers(response.headers(), r, r.body().length);
    ctx.write(response);
    if (sent > 0) {
      ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(r.body(), 0, sent)));
    }
    return ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private static void headers(HttpHeaders headers, SimResponse r, int contentLength) {
    headers.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    r.headers().forEach(headers::set);
  }

  /** The context JSON cut in half, well framed: a parser fails, the HTTP layer does not. */
  private static SimResponse cutJson(SimResponse r) {
    byte[] json = r.context() != null ? r.context() : r.body();
    byte[] cut = Arrays.copyOf(json, Math.max(1, json.length / 2));
    return new SimResponse(200, SimResponse.JSON, cut, Map.of(), cut);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
