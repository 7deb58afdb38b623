package io.camerabridge.pekat.netty;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Netty event loops shared by every {@link PekatClient} of a process (one or two threads serve
 * many cameras). Uses the native epoll transport when it loads, otherwise NIO; both write frame
 * memory to the socket without a copy.
 *
 * <p>Close it after every client that uses it.
 */
public final class ClientResources implements AutoCloseable {
  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClientResources(Transport transport) {
    this.transport = transport;
  }

  /** One event-loop thread: enough for several cameras at gigabit rates. */
  public static ClientResources create() {
    return create(1);
  }

  /**
   * @param ioThreads event-loop threads (1–16)
   */
  public static ClientResources create(int ioThreads) {
    if (ioThreads < 1 || ioThreads > 16) {
      throw new IllegalArgumentException("ioThreads must be between 1 and 16, got " + ioThreads);
    }
    return new ClientResources(Transport.create(ioThreads));
  }

  /** {@code epoll} or {@code nio}. */
  public String transportName() {
    return transport.name();
  }

  /** The event loops, for code that wants to share them (a test server, the simulator). */
  public EventLoopGroup eventLoopGroup() {
    return transport.group();
  }

  /** Internal: the transport the clients use. */
  public Transport transport() {
    return transport;
  }

  /** Shuts the event loops down and waits up to 5 s for them to finish. Idempotent. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Shuts the event loops down and waits up to {@code timeout}. Idempotent. */
  public void close(Duration timeout) {
    if (closed.compareAndSet(false, true)) {
      boolean stopped =
          transport
              .group()
              .shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
              .awaitUninterruptibly(timeout.toMillis());
      if (!stopped) {
        org.slf4j.LoggerFactory.getLogger(ClientResources.class)
            .warn("PEKAT client: the event loops did not stop within {}; going on", timeout);
      }
    }
  }
}
