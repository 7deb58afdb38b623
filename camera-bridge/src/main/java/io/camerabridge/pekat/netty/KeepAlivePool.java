package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.PekatEndpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keep-alive connections of one client, all on the client's single event loop and touched only from
 * it. Holds at most {@code maxInFlight} idle connections (the client never has more requests than
 * that, so never more connections); the most recently used is reused first; an idle connection is
 * closed after {@code idleEviction} so a server-side keep-alive timeout rarely races a new request.
 *
 * <p>Eviction is one sweep timer for the pool, due when the longest-idle connection expires, not a
 * timer per returned connection: a busy client returns a connection per request, and a timer each
 * time (scheduled, then cancelled by the next request) was garbage on every frame.
 */
final class KeepAlivePool {
  private static final Logger log = LoggerFactory.getLogger(KeepAlivePool.class);
  private static final AttributeKey<IdleSince> IDLE_SINCE =
      AttributeKey.valueOf(KeepAlivePool.class, "idleSince");

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Deque<Channel> idle = new ArrayDeque<>();
  private final ChannelGroup all;
  private final long idleEvictionNanos;
  private final int maxIdle;
  private final Runnable sweepTask = this::sweep;
  private ScheduledFuture<?> sweep;

  KeepAlivePool(
      EventLoop loop,
      Transport transport,
      PekatEndpoint endpoint,
      ChannelInitializer<Channel> initializer) {
    this.loop = loop;
    this.all = new DefaultChannelGroup("pekat " + endpoint.host(), loop);
    this.idleEvictionNanos = endpoint.idleEviction().toNanos();
    this.maxIdle = endpoint.maxInFlight();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.channelType())
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .remoteAddress(endpoint.host(), endpoint.port())
            .handler(initializer);
  }

  /** The most recently used idle connection that is still open, or null. */
  Channel pollIdle() {
    Channel channel;
    while ((channel = idle.pollFirst()) != null) {
      if (channel.isActive()) {
        return channel;
      }
      channel.close();
    }
    return null;
  }

  /** Takes back a connection after a complete keep-alive response. */
  void offer(Channel channel) {
    if (!channel.isActive() || idle.size() >= maxIdle) {
      channel.close();
      return;
    }
    channel.attr(IDLE_SINCE).get().nanos = System.nanoTime();
    // Newest first, so the deque is ordered by idle time and the longest idle is last.
    idle.addFirst(channel);
    if (sweep == null) {
      scheduleSweep(idleEvictionNanos);
    }
  }

  private void sweep() {
    sweep = null;
    long now = System.nanoTime();
    Channel oldest;
    while ((oldest = idle.peekLast()) != null) {
      long idleFor = now - oldest.attr(IDLE_SINCE).get().nanos;
      if (idleFor < idleEvictionNanos) {
        scheduleSweep(idleEvictionNanos - idleFor);
        return;
      }
      idle.pollLast();
      log.debug("Closing keep-alive connection {} idle for too long", oldest);
      oldest.close();
    }
  }

  private void scheduleSweep(long delayNanos) {
    sweep = loop.schedule(sweepTask, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Opens a new connection (TCP connect, bounded by the connect timeout). */
  ChannelFuture connect() {
    ChannelFuture future = bootstrap.connect();
    Channel channel = future.channel();
    channel.attr(IDLE_SINCE).set(new IdleSince());
    all.add(channel);
    // A server closing an idle connection must not leave it in the deque.
    channel.closeFuture().addListener(f -> idle.remove(channel));
    return future;
  }

  /** Closes every connection, idle or in use. */
  ChannelGroupFuture closeAll() {
    if (sweep != null) {
      sweep.cancel(false);
      sweep = null;
    }
    idle.clear();
    return all.close();
  }

  /** When a connection last became idle; one per connection, rewritten on every return. */
  private static final class IdleSince {
    long nanos;
  }
}
