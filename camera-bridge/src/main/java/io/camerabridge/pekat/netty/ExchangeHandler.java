package io.camerabridge.pekat.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a pooled connection: assembles the response and routes it and connection
 * events to the exchange currently using the connection, if any. One request per connection at a
 * time (no pipelining), so there is never more than one exchange to route to. Runs on the
 * connection's event loop only.
 *
 * <p>Assembling here instead of in an {@code HttpObjectAggregator} saves its composite buffer and
 * full-response object per frame: a body that arrives in one piece (the usual small JSON context)
 * is used as the decoder delivered it; only a body in several pieces is copied into one pooled
 * buffer. The body is capped at {@code maxResponseBytes}, by the declared length up front and by
 * the bytes received.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private final int maxResponseBytes;
  private Exchange current;
  private HttpResponse head;
  private ByteBuf body;

  ExchangeHandler(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  void bind(Exchange exchange) {
    current = exchange;
  }

  void unbind() {
    current = null;
    reset();
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
    if (exchange == null || !(msg instanceof HttpObject object)) {
      // A response nobody asked for (on an idle connection) means the connection is out of step.
      ReferenceCountUtil.release(msg);
      reset();
      ctx.close();
      return;
    }
    DecoderResult result = object.decoderResult();
    if (result.isFailure()) {
      ReferenceCountUtil.release(msg);
      reset();
      exchange.onInvalidResponse(ctx.channel(), result.cause());
      return;
    }
    if (msg instanceof HttpResponse response && !start(ctx, exchange, response)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      if (head == null) {
        // The rest of a response already given up on (too large or invalid).
        content.release();
        return;
      }
      if (!append(ctx, exchange, content)) {
        return;
      }
      if (content instanceof LastHttpContent) {
        complete(ctx, exchange);
      }
    }
  }

  /** Starts a response; false (state reset, exchange failed) when it declares too large a body. */
  private boolean start(ChannelHandlerContext ctx, Exchange exchange, HttpResponse response) {
    reset();
    if (HttpUtil.getContentLength(response, -1L) > maxResponseBytes) {
      exchange.onInvalidResponse(ctx.channel(), tooLong());
      return false;
    }
    head = response;
    return true;
  }

  /** Takes over {@code content}; false (state reset, exchange failed) past the cap. */
  private boolean append(ChannelHandlerContext ctx, Exchange exchange, HttpContent content) {
    ByteBuf part = content.content();
    long total = (body == null ? 0L : body.readableBytes()) + part.readableBytes();
    if (total > maxResponseBytes) {
      part.release();
      reset();
      exchange.onInvalidResponse(ctx.channel(), tooLong());
      return false;
    }
    body = body == null ? part : join(ctx, body, part);
    return true;
  }

  private static ByteBuf join(ChannelHandlerContext ctx, ByteBuf first, ByteBuf part) {
    if (!part.isReadable()) {
      part.release();
      return first;
    }
    if (!first.isReadable()) {
      first.release();
      return part;
    }
    ByteBuf joined = ctx.alloc().buffer(first.readableBytes() + part.readableBytes());
    try {
      joined.writeBytes(first).writeBytes(part);
    } finally {
      first.release();
      part.release();
    }
    return joined;
  }

  private void complete(ChannelHandlerContext ctx, Exchange exchange) {
    HttpResponse response = head;
    ByteBuf content = body;
    head = null;
    body = null;
    try {
      exchange.onResponse(ctx.channel(), response, content);
    } finally {
      content.release();
    }
  }

  private TooLongFrameException tooLong() {
    return new TooLongFrameException("response entity larger than " + maxResponseBytes + " bytes");
  }

  private void reset() {
    head = null;
    ByteBuf pending = body;
    body = null;
    if (pending != null) {
      pending.release();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    reset();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reset();
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
