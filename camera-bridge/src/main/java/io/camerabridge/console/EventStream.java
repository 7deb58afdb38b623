package io.camerabridge.console;

import io.camerabridge.ops.StatusRoutes;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The console's server-sent events ({@code GET /api/events}): every open page gets the cards once a
 * second. A page that does not read is skipped, never queued for (its events are counted as
 * skipped), and a page left open for a day reconnects by itself after a restart ({@code retry}). At
 * most {@value #MAX_STREAMS} streams are open.
 */
final class EventStream {
  static final int MAX_STREAMS = 16;
  private static final int RETRY_MILLIS = 2000;

  private final Set<Channel> open = ConcurrentHashMap.newKeySet();
  private final LongAdder skipped = new LongAdder();

  /** Starts a stream on this connection, or false when too many are open. */
  boolean start(ChannelHandlerContext ctx, Iterable<String[]> headers, String first) {
    if (open.size() >= MAX_STREAMS) {
      return false;
    }
    Channel ch = ctx.channel();
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    for (String[] h : headers) {
      response.headers().set(h[0], h[1]);
    }
    HttpUtil.setTransferEncodingChunked(response, true);
    ch.attr(StatusRoutes.STREAMING).set(Boolean.TRUE);
    ch.write(response);
    ch.writeAndFlush(chunk("retry: " + RETRY_MILLIS + "\n\n" + event("cameras", first)));
    open.add(ch);
    ch.closeFuture().addListener(f -> open.remove(ch));
    ch.config().setAutoRead(true);
    return true;
  }

  /** Sends one event to every open page that keeps up. */
  void broadcast(String name, String data) {
    if (open.isEmpty()) {
      return;
    }
    String text = event(name, data);
    for (Channel ch : open) {
      if (ch.isActive() && ch.isWritable()) {
        ch.writeAndFlush(chunk(text));
      } else {
        skipped.increment();
      }
    }
  }

  /** Whether any page is open. */
  boolean watched() {
    return !open.isEmpty();
  }

  int streams() {
    return open.size();
  }

  /** Ends every stream (shutdown). */
  void closeAll() {
    open.forEach(Channel::close);
  }

  private static String event(String name, String data) {
    // One line of JSON: no newline can split the data field.
    return "event: " + name + "\ndata: " + data.replace("\n", "") + "\n\n";
  }

  private static DefaultHttpContent chunk(String text) {
    return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }
}
