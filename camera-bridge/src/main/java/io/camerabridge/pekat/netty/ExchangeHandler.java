package io.camerabridge.pekat.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a pooled connection: routes the aggregated response and connection events to
 * the exchange currently using the connection, if any. One request per connection at a time (no
 * pipelining), so there is never more than one exchange to route to. Runs on the connection's event
 * loop only.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private Exchange current;

  void bind(Exchange exchange) {
    current = exchange;
  }

  void unbind() {
    current = null;
  }

  /**
   * A handler for the head of the pipeline (after TLS, before the HTTP codec) that tells the
   * exchange when the first response byte arrived: after that a failure is no longer a stale
   * connection and must not be retried.
   */
  ChannelInboundHandlerAdapter responseStartMarker() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange exchange = current;
        if (exchange != null) {
          exchange.onResponseBytes();
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Exchange exchange = current;
    if (exchange != null && msg instanceof FullHttpResponse response) {
      exchange.onResponse(ctx.channel(), response);
      return;
    }
    // A response nobody asked for (on an idle connection) means the connection is out of step.
    ReferenceCountUtil.release(msg);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange exchange = current;
    if (exchange != null) {
      exchange.onClosed(ctx.channel());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange exchange = current;
    if (exchange != null) {
      exchange.onException(ctx.channel(), cause);
    } else {
      ctx.close();
    }
  }
}
