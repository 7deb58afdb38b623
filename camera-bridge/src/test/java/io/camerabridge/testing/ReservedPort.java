package io.camerabridge.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback TCP port held by a bound socket that never listens: a connection to it is refused, as
 * to an analyzer that is down, and no other process on the host can take the port meanwhile. Close
 * it right before starting the server that should appear on the port, instead of probing a free
 * port and hoping it stays free until then.
 */
public final class ReservedPort implements AutoCloseable {
  private final Socket holder;
  private final int port;

  private ReservedPort(Socket holder) {
    this.holder = holder;
    this.port = holder.getLocalPort();
  }

  /** Holds a port the kernel picks. */
  public static ReservedPort take() throws IOException {
    return bind(new Socket(), 0);
  }

  /**
   * Holds {@code port} again after its server stopped; SO_REUSEADDR lets the holder bind next to
   * the stopped server's connections in TIME_WAIT.
   */
  public static ReservedPort hold(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReuseAddress(true);
    return bind(socket, port);
  }

  private static ReservedPort bind(Socket socket, int port) throws IOException {
    try {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return new ReservedPort(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The port, also after {@link #close()}. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String httpUrl() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
  }

  /** Gives the port up (idempotent). */
  @Override
  public void close() throws IOException {
    holder.close();
  }
}
