package io.camerabridge.pekat.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a pooled connection: reads the response from the received bytes with a {@link
 * ResponseReader} and routes it and connection events to the exchange currently using the
 * connection, if any. One request per connection at a time (no pipelining), so there is never more
 * than one exchange to route to. Runs on the connection's event loop only.
 *
 * <p>Reading the bytes here instead of through Netty's HTTP decoder saves its per-response objects
 * (response, header maps, header strings, content pieces): the reader keeps its state and buffers
 * for the life of the connection.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private final ResponseReader reader;
  private Exchange current;

  ExchangeHandler(int maxHeadBytes, int maxResponseBytes) {
    this.reader = new ResponseReader(maxHeadBytes, maxResponseBytes);
  }

  void bind(Exchange exchange) {
    current = exchange;
  }

  void unbind() {
    current = null;
    reader.reset();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    try {
      read(ctx, in);
    } finally {
      in.release();
    }
  }

  private void read(ChannelHandlerContext ctx, ByteBuf in) {
    Exchange exchange = current;
    if (exchange == null) {
      // A response nobody asked for (on an idle connection) means the connection is out of step.
      reader.reset();
      ctx.close();
      return;
    }
    // From the first response byte on, a failure is no longer a stale connection to retry.
    exchange.onResponseBytes();
    boolean complete;
    try {
      complete = reader.read(in, ctx.alloc());
    } catch (DecoderException e) {
      reader.reset();
      exchange.onInvalidResponse(ctx.channel(), e);
      return;
    }
    if (complete) {
      // Bytes after the response answer no request: the connection is out of step.
      deliver(ctx, exchange, !in.isReadable());
    }
  }

  private void deliver(ChannelHandlerContext ctx, Exchange exchange, boolean inStep) {
    try {
      exchange.onResponse(ctx.channel(), reader.head(), reader.body(), inStep);
    } finally {
      reader.recycle();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    reader.reset();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange exchange = current;
    if (exchange != null && reader.endOfInput()) {
      // A body without Content-Length or chunks ends with the connection.
      deliver(ctx, exchange, false);
    } else {
      reader.reset();
      if (exchange != null) {
        exchange.onClosed(ctx.channel());
      }
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
