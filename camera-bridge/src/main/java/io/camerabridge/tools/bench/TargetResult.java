package io.camerabridge.tools.bench;

import io.camerabridge.tools.bench.LoadRunner.RunMeasurement;
import java.util.ArrayList;
import java.util.List;

/** One target's measured runs of a benchmark, summed over the alternating rounds. */
final class TargetResult {

  private final String target;
  private final int bodyBytes;
  private final LatencySamples latencies = new LatencySamples(1024);
  private final List<Double> roundFramesPerSecond = new ArrayList<>();
  private long frames;
  private long wallNanos;
  private long processCpuNanos;
  private long javaThreadsCpuNanos;
  private long serverCpuNanos;
  private long heapBytesAll;
  private long heapBytesServer;

  TargetResult(String target, int bodyBytes) {
    this.target = target;
    this.bodyBytes = bodyBytes;
  }

  void add(RunMeasurement run) {
    ResourceSnapshot.Usage usage = run.usage();
    frames += run.frames();
    wallNanos += usage.wallNanos();
    processCpuNanos += usage.processCpuNanos();
    javaThreadsCpuNanos += usage.javaThreadsCpuNanos();
    serverCpuNanos += usage.serverCpuNanos();
    heapBytesAll += usage.heapBytesAllThreads();
    heapBytesServer += usage.heapBytesServerThreads();
    latencies.addAll(run.latencies());
    roundFramesPerSecond.add(run.frames() / (usage.wallNanos() / 1e9));
  }

  String target() {
    return target;
  }

  long frames() {
    return frames;
  }

  int bodyBytes() {
    return bodyBytes;
  }

  double seconds() {
    return wallNanos / 1e9;
  }

  double framesPerSecond() {
    return frames / seconds();
  }

  /** Decimal megabytes (10^6) of request body per second. */
  double megabytesPerSecond() {
    return framesPerSecond() * bodyBytes / 1e6;
  }

  /** Process CPU seconds per frame, the in-process analyzer's threads included. */
  double cpuSecondsPerFrame() {
    return processCpuNanos / 1e9 / frames;
  }

  /**
   * CPU seconds per frame of the Java threads that are not the in-process analyzer's: the sender's
   * own threads (driver, Netty event loop, JDK client threads). JIT compilation and GC, which serve
   * client and server alike, are in {@link #cpuSecondsPerFrame()} only.
   */
  double clientCpuSecondsPerFrame() {
    return (javaThreadsCpuNanos - serverCpuNanos) / 1e9 / frames;
  }

  /** CPU seconds per frame of the JVM's own threads (JIT compilers, garbage collector). */
  double jvmCpuSecondsPerFrame() {
    return (processCpuNanos - javaThreadsCpuNanos) / 1e9 / frames;
  }

  /** Heap bytes allocated per frame by all JVM threads, the in-process analyzer's included. */
  double heapBytesPerFrame() {
    return (double) heapBytesAll / frames;
  }

  /** Heap bytes allocated per frame by every thread except the in-process analyzer's. */
  double clientHeapBytesPerFrame() {
    return (double) (heapBytesAll - heapBytesServer) / frames;
  }

  LatencySamples.Percentiles latency() {
    return latencies.percentiles();
  }

  /**
   * The median over rounds of this target's frames/s divided by {@code other}'s in the same round.
   * Adjacent runs share the machine's load of the moment, so on a noisy machine this is steadier
   * than the ratio of the totals.
   */
  double medianRoundRatio(TargetResult other) {
    int n = Math.min(roundFramesPerSecond.size(), other.roundFramesPerSecond.size());
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = roundFramesPerSecond.get(i) / other.roundFramesPerSecond.get(i);
    }
    java.util.Arrays.sort(ratios);
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
  }

  List<Double> roundFramesPerSecond() {
    return List.copyOf(roundFramesPerSecond);
  }
}
