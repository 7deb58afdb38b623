package io.camerabridge.tools.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells when the JIT compiler has gone quiet, so that warm-up can go on until it has. The bridge's
 * path (Netty pipeline, HTTP codec, Jackson) is far more code than the socket baseline's loop, and
 * after a fixed number of warm-up frames C2 was still compiling it during the first measured
 * rounds: on 2 cores it took the share of a core from the bridge's window and counted in its
 * process CPU per frame, a cost a service running for months pays once. See docs/benchmarks.md,
 * "Client path vs the socket baseline (#22)".
 */
final class JitSettling {

  /** A warm-up pass is quiet when the compilers ran for at most this share of its wall time. */
  static final double QUIET_SHARE = 0.05;

  /** Warm-up passes after the first before the benchmark measures anyway. */
  static final int MAX_PASSES = 6;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private JitSettling() {}

  /** False on a JVM without a JIT or without compile-time accounting: warm-up is not extended. */
  static boolean supported() {
    return JIT != null && JIT.isCompilationTimeMonitoringSupported();
  }

  /** Milliseconds the JIT compilers have spent so far (all compiler threads together). */
  static long compiledMillis() {
    return JIT.getTotalCompilationTime();
  }

  /** Whether {@code compiledMillis} of compilation during {@code wallNanos} counts as quiet. */
  static boolean quiet(long compiledMillis, long wallNanos) {
    return compiledMillis <= QUIET_SHARE * (wallNanos / 1e6);
  }
}
