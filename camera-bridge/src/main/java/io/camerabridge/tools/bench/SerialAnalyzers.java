package io.camerabridge.tools.bench;

import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.Processing;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench e2e --analyzers K}: K in-process simulators on loopback, each answering one request
 * at a time after a fixed latency, as one PEKAT project per port does. One of them can be killed
 * (its connections closed, its port refusing) and restarted on the same port, as a PEKAT restart
 * looks to the bridge.
 */
final class SerialAnalyzers implements AutoCloseable {
  private final Duration latency;
  private final List<PekatSimulator> running = new ArrayList<>();

  private SerialAnalyzers(Duration latency) {
    this.latency = latency;
  }

  static SerialAnalyzers start(int count, Duration latency) {
    SerialAnalyzers all = new SerialAnalyzers(latency);
    try {
      for (int i = 0; i < count; i++) {
        PekatSimulator s = all.simulator();
        all.running.add(s);
      }
      return all;
    } catch (RuntimeException e) {
      all.close();
      throw e;
    }
  }

  private PekatSimulator simulator() {
    return PekatSimulator.builder()
        .port(0)
        .processing(Processing.DISCARD)
        .checksums(false)
        .lanes(1)
        .latency(Latency.fixed(latency))
        .recentRequests(0)
        .build()
        .start();
  }

  /** Each instance's base URL, in order ({@code pekat.urls}). */
  List<URI> urls() {
    return running.stream().map(PekatSimulator::baseUri).toList();
  }

  /**
   * Kills instance {@code i} as a dying process looks from outside: its listener and every open
   * connection close at once (requests in flight end without an answer, new ones are refused).
   * {@link PekatSimulator#close()} would not do: it answers 503 while its lanes drain.
   */
  void kill(int i) {
    running.get(i).setFault(Fault.REFUSE_CONNECTIONS);
  }

  /** Instance {@code i} listens again on its port; it answers {@code /ping} when this returns. */
  void restart(int i) {
    running.get(i).setFault(Fault.NONE);
  }

  String description() {
    return running.size()
        + " in-process simulator(s), one request at a time each, "
        + latency.toMillis()
        + " ms per frame (processing=discard)";
  }

  @Override
  public void close() {
    running.forEach(PekatSimulator::close);
  }
}
