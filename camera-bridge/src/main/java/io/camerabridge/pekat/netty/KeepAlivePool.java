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
 */
final class KeepAlivePool {
  private static final Logger log = LoggerFactory.getLogger(KeepAlivePool.class);
  private static final AttributeKey<ScheduledFuture<?>> EVICTION =
      AttributeKey.valueOf(KeepAlivePool.class, "eviction");

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Deque<Channel> idle = new ArrayDeque<>();
  private final ChannelGroup all;
  private final long idleEvictionNanos;
  private final int maxIdle;

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
      cancelEviction(channel);
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
    idle.addFirst(channel);
    ScheduledFuture<?> eviction =
        loop.schedule(
            () -> {
              if (idle.remove(channel)) {
                log.debug("Closing keep-alive connection {} idle for too long", channel);
                channel.close();
              }
            },
            idleEvictionNanos,
            TimeUnit.NANOSECONDS);
    channel.attr(EVICTION).set(eviction);
  }

  /** Opens a new connection (TCP connect, bounded by the connect timeout). */
  ChannelFuture connect() {
    ChannelFuture future = bootstrap.connect();
    Channel channel = future.channel();
    all.add(channel);
    // A server closing an idle connection must not leave it in the deque.
    channel.closeFuture().addListener(f -> idle.remove(channel));
    return future;
  }

  /** Closes every connection, idle or in use. */
  ChannelGroupFuture closeAll() {
    for (Channel channel : idle) {
      cancelEviction(channel);
    }
    idle.clear();
    return all.close();
  }

  private static void cancelEviction(Channel channel) {
    ScheduledFuture<?> eviction = channel.attr(EVICTION).getAndSet(null);
    if (eviction != null) {
      eviction.cancel(false);
    }
  }
}
