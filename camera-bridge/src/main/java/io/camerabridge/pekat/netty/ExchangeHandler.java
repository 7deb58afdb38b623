package io.camerabridge.pekat.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a pooled connection: routes the responses Netty's decoder and aggregator
 * produce, and the connection's events, to the exchange currently using the connection, if any. One
 * request per connection at a time (no pipelining), so there is never more than one exchange to
 * route to. Runs on the connection's event loop only.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private ResponseFraming framing;
  private Exchange current;

  /** The decoder in front of this handler, which tells whether bytes follow a response. */
  void framing(ResponseFraming framing) {
    this.framing = framing;
  }

  void bind(Exchange exchange) {
    current = exchange;
  }

  void unbind() {
    current = null;
  }

  /** Raw response bytes arrived (called by the decoder before it decodes them). */
  void onResponseBytes() {
    Exchange exchange = current;
    if (exchange != null) {
      exchange.onResponseBytes();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      Exchange exchange = current;
      if (!(msg instanceof FullHttpResponse response) || exchange == null) {
        // A response nobody asked for (on an idle connection): the connection is out of step.
        ctx.close();
        return;
      }
      read(ctx, exchange, response);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void read(ChannelHandlerContext ctx, Exchange exchange, FullHttpResponse response) {
    DecoderResult result = response.decoderResult();
    if (!result.isSuccess()) {
      exchange.onInvalidResponse(ctx.channel(), result.cause());
      return;
    }
    if (response.status().code() < 200) {
      // An interim response (100 Continue and the like): the real one follows.
      return;
    }
    // Bytes after the response answer no request: the connection is out of step.
    boolean inStep = ctx.channel().isActive() && !framing.bytesLeftOver();
    exchange.onResponse(ctx.channel(), response, inStep);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body that ends with the connection was delivered by the decoder before this event.
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
