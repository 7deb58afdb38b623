package io.camerabridge.tools.bench;

import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.Processing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The default analyzer of {@code bench client}: the PEKAT simulator in discard mode (answers a full
 * OK context without reading a pixel), listening on an ephemeral loopback port. Its threads are
 * recorded right after start-up, so that the report can separate the client's costs from the
 * server's although both run in one process.
 */
final class InProcessAnalyzer implements Analyzer {

  /** Enough connections to wake every event loop of the simulator (Netty starts them lazily). */
  private static final int WAKE_CONNECTIONS = 8;

  private final PekatSimulator simulator;
  private final AnalyzerAddress address;
  private final ServerThreads serverThreads;

  private InProcessAnalyzer(
      PekatSimulator simulator, AnalyzerAddress address, ServerThreads serverThreads) {
    this.simulator = simulator;
    this.address = address;
    this.serverThreads = serverThreads;
  }

  static InProcessAnalyzer start() {
    Set<Long> before = ResourceSnapshot.take().threadIds();
    PekatSimulator simulator =
        PekatSimulator.builder()
            .port(0)
            .processing(Processing.DISCARD)
            .checksums(false)
            .lanes(64)
            .recentRequests(0)
            .build()
            .start();
    try {
      wakeEventLoops(simulator.address());
      Set<Long> started = new HashSet<>(ResourceSnapshot.take().threadIds());
      started.removeAll(before);
      started.remove(Thread.currentThread().getId());
      return new InProcessAnalyzer(
          simulator,
          AnalyzerAddress.parse(
              "http://"
                  + simulator.address().getAddress().getHostAddress()
                  + ":"
                  + simulator.port()),
          ServerThreads.of(started, "pekat-sim"));
    } catch (RuntimeException e) {
      simulator.close();
      throw e;
    }
  }

  private static void wakeEventLoops(InetSocketAddress address) {
    byte[] ping =
        ("GET /ping HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < WAKE_CONNECTIONS; i++) {
      try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(ping);
        out.flush();
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // Read to the end: the server closes after answering.
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the in-process analyzer does not answer /ping", e);
      }
    }
  }

  /** Every {@code n}-th answer NG (0: all OK). */
  void ngEvery(int n) {
    simulator.setNgEvery(n);
  }

  @Override
  public AnalyzerAddress address() {
    return address;
  }

  @Override
  public String description() {
    return "in-process PEKAT simulator, processing=discard, " + address.baseUri();
  }

  @Override
  public ServerThreads serverThreads() {
    return serverThreads;
  }

  @Override
  public void close() {
    simulator.close();
  }
}
