package io.camerabridge.tools.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Netty side of the simulator: one listening socket, HTTP/1.1 with keep-alive, whole requests
 * aggregated up to a size cap. The listener can be closed and opened again on the same port to
 * simulate a project that is down.
 */
final class SimServer implements AutoCloseable {
  /** Room for long {@code data} values in the query. */
  private static final int MAX_REQUEST_LINE = 64 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ServerBootstrap bootstrap;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private volatile boolean refusing;
  private Channel listener;
  private InetSocketAddress address;

  SimServer(int maxBodyBytes, Supplier<SimHandler> handlers) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channel =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    boss = new MultiThreadIoEventLoopGroup(1, io);
    workers =
        new MultiThreadIoEventLoopGroup(
            Math.min(2, Runtime.getRuntime().availableProcessors()), io);
    bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(channel)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    // Added before the check, and refusing is set before the group is closed: a
                    // connection accepted while the listener stops is closed by one or the other.
                    connections.add(ch);
                    if (refusing) {
                      ch.close();
                      return;
                    }
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(
                                new HttpDecoderConfig()
                                    .setMaxInitialLineLength(MAX_REQUEST_LINE)
                                    .setMaxHeaderSize(MAX_REQUEST_LINE)))
                        .addLast(new HttpObjectAggregator(maxBodyBytes, true))
                        .addLast(handlers.get());
                  }
                });
  }

  /**
   * Starts listening.
   *
   * @throws UncheckedIOException naming the address when the port cannot be bound
   */
  synchronized InetSocketAddress listen(String host, int port) {
    refusing = false;
    try {
      listener = bootstrap.bind(host, port).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
    } catch (Exception e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (is another process using the port? choose another one, or 0 for any free port)",
          e instanceof IOException io ? io : new IOException(e));
    }
    address = (InetSocketAddress) listener.localAddress();
    return address;
  }

  /** Closes the listening socket and every open connection: new connections are refused. */
  synchronized void stopListening() {
    refusing = true;
    if (listener != null) {
      listener.close().syncUninterruptibly();
      listener = null;
    }
    connections.close().syncUninterruptibly();
  }

  /** Listens again on the port used before {@link #stopListening()}. */
  synchronized void listenAgain() {
    if (listener == null) {
      listen(address.getHostString(), address.getPort());
    }
  }

  synchronized boolean listening() {
    return listener != null;
  }

  synchronized InetSocketAddress address() {
    return address;
  }

  @Override
  public synchronized void close() {
    stopListening();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    boss.terminationFuture().syncUninterruptibly();
    workers.terminationFuture().syncUninterruptibly();
  }
}
