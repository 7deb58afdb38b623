package io.camerabridge.ops;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one client from blinding the status server: a connection that sends no complete request
 * within the read timeout (half a request line, or an idle keep-alive) is closed, and beyond {@code
 * maxConnections} open connections new ones are closed at once. Connections that stream
 * (server-sent events) mark themselves with {@link StatusRoutes#STREAMING} and are exempt from the
 * read timeout.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final AtomicInteger open = new AtomicInteger();
  private final int maxConnections;

  ConnectionGuard(int maxConnections) {
    this.maxConnections = maxConnections;
  }

  /** Counts connections and refuses those beyond the cap; shared by every channel. */
  ChannelHandler limiter() {
    return new Limiter();
  }

  /** Closes a channel when the idle handler reports that nothing was read for too long. */
  static ChannelHandler readTimeout() {
    return new ReadTimeout();
  }

  int openConnections() {
    return open.get();
  }

  @ChannelHandler.Sharable
  private final class Limiter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (open.incrementAndGet() > maxConnections) {
        LOG.debug("Status connection refused: {} are open already", maxConnections);
        ctx.close();
        return;
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      open.decrementAndGet();
      super.channelInactive(ctx);
    }
  }

  private static final class ReadTimeout extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent
          && !Boolean.TRUE.equals(ctx.channel().attr(StatusRoutes.STREAMING).get())) {
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, evt);
    }
  }
}
