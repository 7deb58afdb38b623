package io.camerabridge.pekat.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops and the socket channel type that goes with them: epoll when Netty's native
 * library loads, NIO otherwise. Both write a direct buffer to the socket without a user-space copy;
 * epoll produces less garbage.
 */
public final class Transport {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  private final String name;
  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelType;

  private Transport(String name, EventLoopGroup group, Class<? extends SocketChannel> channelType) {
    this.name = name;
    this.group = group;
    this.channelType = channelType;
  }

  /** Creates {@code threads} daemon event-loop threads named {@code pekat-io-*}. */
  public static Transport create(int threads) {
    DefaultThreadFactory threadFactory = new DefaultThreadFactory("pekat-io", true);
    if (Epoll.isAvailable()) {
      IoHandlerFactory epoll = EpollIoHandler.newFactory();
      log.debug("PEKAT client uses the epoll transport");
      return new Transport(
          "epoll",
          new MultiThreadIoEventLoopGroup(threads, threadFactory, epoll),
          EpollSocketChannel.class);
    }
    // Typical cause: a noexec temp dir (hardened unit) blocks extracting the native library;
    // set io.netty.native.workdir to an exec-capable private directory.
    log.warn(
        "Netty's epoll transport is unavailable, using NIO (works, more garbage): {}",
        String.valueOf(Epoll.unavailabilityCause()));
    return new Transport(
        "nio",
        new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
        NioSocketChannel.class);
  }

  /** {@code epoll} or {@code nio}. */
  public String name() {
    return name;
  }

  public EventLoopGroup group() {
    return group;
  }

  public Class<? extends SocketChannel> channelType() {
    return channelType;
  }
}
