package io.camerabridge.plc.modbus;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What stands between a PLC's socket and the library's codec (the library bounds none of it): at
 * most {@code maxConnections} at once, an idle time-out that frees a connection stuck on half a
 * frame, MBAP headers checked before a byte is buffered for them (protocol 0, length 2-254), and at
 * most {@value #MAX_PENDING} requests of one connection waiting for the worker; beyond that the
 * connection stops being read and what was already read is answered SLAVE_DEVICE_BUSY at once. A
 * connection that does not read its answers is closed. Everything closed is counted by reason.
 */
final class ConnectionGuard {
  static final int MAX_PENDING = 32;
  private static final int MBAP = 7;
  private static final int MAX_LENGTH = 254;
  private static final AttributeKey<Boolean> ADMITTED = AttributeKey.valueOf("modbus.admitted");

  private final int maxConnections;
  private final Duration idleTimeout;
  private final ModbusMeters meters;
  private final Admission admission = new Admission();

  ConnectionGuard(int maxConnections, Duration idleTimeout, ModbusMeters meters) {
    this.maxConnections = maxConnections;
    this.idleTimeout = idleTimeout;
    this.meters = meters;
  }

  /** Puts the guard in front of the library's handlers of a new connection. */
  void install(ChannelPipeline pipeline) {
    Pending pending = new Pending();
    pipeline.addFirst("modbus-responses", new ResponseCounter(pending));
    pipeline.addFirst("modbus-framer", new MbapFramer(pending));
    pipeline.addFirst("modbus-admission", admission);
    pipeline.addFirst(
        "modbus-idle", new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
  }

  private void close(ChannelHandlerContext ctx, String reason) {
    if (ctx.channel().isOpen()) {
      meters.closed(reason);
      ctx.close();
    }
  }

  /** Requests of one connection handed to the worker and not yet answered. */
  private static final class Pending {
    int count; // event loop only
  }

  @Sharable
  private final class Admission extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (meters.clients() >= maxConnections) {
        close(ctx, "limit");
        return;
      }
      ctx.channel().attr(ADMITTED).set(Boolean.TRUE);
      meters.connected();
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (Boolean.TRUE.equals(ctx.channel().attr(ADMITTED).getAndSet(null))) {
        meters.disconnected();
      }
      super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent) {
        close(ctx, "idle");
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A reset by the peer and the like: the connection is gone, nothing to report per PLC.
      ctx.close();
    }
  }

  /** Cuts the byte stream into whole MBAP frames, each handed on as one buffer. */
  private final class MbapFramer extends ByteToMessageDecoder {
    private final Pending pending;

    MbapFramer(Pending pending) {
      this.pending = pending;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.readableBytes() >= MBAP && ctx.channel().isOpen()) {
        int start = in.readerIndex();
        int protocol = in.getUnsignedShort(start + 2);
        int length = in.getUnsignedShort(start + 4);
        if (protocol != 0 || length < 2 || length > MAX_LENGTH) {
          in.skipBytes(in.readableBytes());
          close(ctx, "malformed");
          return;
        }
        if (in.readableBytes() < 6 + length) {
          return;
        }
        if (!ctx.channel().isWritable()) {
          in.skipBytes(in.readableBytes());
          close(ctx, "flood");
          return;
        }
        if (pending.count >= MAX_PENDING) {
          ctx.channel().config().setAutoRead(false);
          int fc = in.getUnsignedByte(start + MBAP);
          ctx.writeAndFlush(busy(ctx, in, start, fc));
          meters.request(fc, "busy");
          in.skipBytes(6 + length);
          continue;
        }
        pending.count++;
        out.add(in.readRetainedSlice(6 + length));
      }
    }

    private ByteBuf busy(ChannelHandlerContext ctx, ByteBuf in, int start, int fc) {
      return ctx.alloc()
          .buffer(9)
          .writeShort(in.getUnsignedShort(start))
          .writeShort(0)
          .writeShort(3)
          .writeByte(in.getUnsignedByte(start + 6))
          .writeByte(fc | 0x80)
          .writeByte(0x06);
    }
  }

  /** Counts the worker's answers going out and resumes reading once the backlog is halved. */
  private static final class ResponseCounter extends ChannelDuplexHandler {
    private final Pending pending;

    ResponseCounter(Pending pending) {
      this.pending = pending;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (pending.count > 0) {
        pending.count--;
      }
      if (pending.count <= MAX_PENDING / 2 && !ctx.channel().config().isAutoRead()) {
        ctx.channel().config().setAutoRead(true);
      }
      super.write(ctx, msg, promise);
    }
  }
}
