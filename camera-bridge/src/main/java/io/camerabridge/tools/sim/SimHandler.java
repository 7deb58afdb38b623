package io.camerabridge.tools.sim;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests, answered strictly in arrival order: a request that arrives while the
 * previous one is still being processed waits (HTTP/1.1 pipelining must not reorder answers). Runs
 * on the connection's event loop; analysis runs on the simulator's lanes.
 */
final class SimHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(SimHandler.class);

  private final SimRouter router;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;

  SimHandler(SimRouter router) {
    this.router = router;
  }

  /** What the router needs to know about one request while it is answered. */
  record Exchange(
      long sequence,
      Instant receivedAt,
      long receivedNanos,
      Endpoint endpoint,
      HttpMethod method,
      Map<String, String> query,
      boolean head,
      boolean keepAlive,
      String connection) {}

  /** How the router finishes an exchange: record it and write the answer. */
  interface Completion {
    void complete(
        SimResponse response, Outcome outcome, Fault fault, long bodyBytes, OptionalLong crc32c);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (busy) {
      waiting.add(request);
    } else {
      start(ctx, request);
    }
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    QueryParams query;
    String queryError = null;
    try {
      query = QueryParams.parse(uri.rawQuery());
    } catch (IllegalArgumentException e) {
      query = QueryParams.parse(null);
      queryError = e.getMessage();
    }
    Exchange exchange =
        new Exchange(
            router.nextSequence(),
            Instant.now(),
            System.nanoTime(),
            Endpoint.of(uri.rawPath()),
            request.method(),
            query.redacted(),
            request.method().equals(HttpMethod.HEAD),
            HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess(),
            ctx.channel().id().asShortText());
    router.route(request, exchange, query, queryError, completion(ctx, exchange));
  }

  private Completion completion(ChannelHandlerContext ctx, Exchange exchange) {
    return (response, outcome, fault, bytes, crc) -> {
      if (!ctx.executor().inEventLoop()) {
        try {
          ctx.executor().execute(() -> finish(ctx, exchange, response, outcome, fault, bytes, crc));
        } catch (RejectedExecutionException e) {
          // The simulator is closing: the connection is going away with its event loop.
        }
      } else {
        finish(ctx, exchange, response, outcome, fault, bytes, crc);
      }
    };
  }

  private void finish(
      ChannelHandlerContext ctx,
      Exchange exchange,
      SimResponse response,
      Outcome outcome,
      Fault fault,
      long bytes,
      OptionalLong crc) {
    router.record(exchange, response, outcome, fault, bytes, crc);
    ChannelFuture written =
        ResponseWriter.write(ctx, response, fault, exchange.head(), exchange.keepAlive());
    if (written == null) {
      return; // a hung exchange blocks this connection for good, as a frozen server would
    }
    written.addListener(
        f -> {
          if (exchange.keepAlive() && ctx.channel().isActive() && f.isSuccess()) {
            router.afterWrite(exchange, response);
            busy = false;
            FullHttpRequest next = waiting.poll();
            if (next != null) {
              start(ctx, next);
            }
          } else {
            router.afterWrite(exchange, response);
          }
        });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    FullHttpRequest request;
    while ((request = waiting.poll()) != null) {
      request.release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Connection {} failed, closing it", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
