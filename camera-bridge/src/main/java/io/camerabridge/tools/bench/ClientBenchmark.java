package io.camerabridge.tools.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client benchmark: the bridge's client and the chosen baselines send the same native frames to
 * the same analyzer, in the same process, in alternating rounds (the starting target rotates each
 * round so no target always runs on a warmer or cooler machine). Warm-up runs come first and are
 * not measured; after the first, warm-up passes over all targets go on until one passes with the
 * JIT quiet ({@link JitSettling}), so the measured rounds see steady-state code for every target.
 */
final class ClientBenchmark {

  /** Name of the bridge's own target in reports and JSON. */
  static final String BRIDGE = "bridge";

  /** What to run. {@code frames} and {@code limit} bound each measured run. */
  record Settings(
      FrameShape shape,
      long frames,
      Duration limit,
      int inFlight,
      List<String> baselines,
      int rounds,
      long warmupFrames,
      int poolFrames) {}

  /**
   * Results per target in the order bridge, then baselines as given.
   *
   * @param analyzer how the analyzer was provided, for the report
   */
  record Result(
      Settings settings,
      String analyzer,
      Map<String, TargetResult> targets,
      MachineInfo machine,
      String loadAtEnd) {
    TargetResult bridge() {
      return targets.get(BRIDGE);
    }
  }

  private final TargetFactory factory;
  private final PrintStream progress;

  ClientBenchmark(TargetFactory factory, PrintStream progress) {
    this.factory = factory;
    this.progress = progress;
  }

  /** Creates the targets for one analyzer. */
  interface TargetFactory {
    LoadTarget create(String name, AnalyzerAddress address, FrameShape shape, int inFlight)
        throws Exception;
  }

  /** Runs the benchmark against the analyzer at {@code address}; see {@link Result}. */
  Result run(Settings settings, Analyzer analyzer) throws Exception {
    NativeFramePool pool = new NativeFramePool(settings.poolFrames(), settings.shape().bodyBytes());
    LoadRunner runner =
        new LoadRunner(pool, settings.inFlight(), analyzer.serverThreads(), progress);
    AnalyzerAddress address = analyzer.address();
    MachineInfo machine = MachineInfo.current();
    List<LoadTarget> targets = new ArrayList<>();
    try {
      targets.add(factory.create(BRIDGE, address, settings.shape(), settings.inFlight()));
      for (String baseline : settings.baselines()) {
        targets.add(factory.create(baseline, address, settings.shape(), settings.inFlight()));
      }
      Map<String, TargetResult> results = measure(settings, pool, runner, targets);
      return new Result(
          settings, analyzer.description(), results, machine, MachineInfo.currentLoadAverage());
    } finally {
      for (LoadTarget target : targets) {
        target.close();
      }
    }
  }

  private Map<String, TargetResult> measure(
      Settings settings, NativeFramePool pool, LoadRunner runner, List<LoadTarget> targets)
      throws Exception {
    Map<String, TargetResult> results = new LinkedHashMap<>();
    for (LoadTarget target : targets) {
      results.put(target.name(), new TargetResult(target.name(), settings.shape().bodyBytes()));
      if (settings.warmupFrames() > 0) {
        progress.printf("warm-up %s: %d frames%n", target.name(), settings.warmupFrames());
        runner.run(target, settings.warmupFrames(), settings.limit());
      }
    }
    settle(settings, runner, targets);
    for (int round = 0; round < settings.rounds(); round++) {
      for (int k = 0; k < targets.size(); k++) {
        LoadTarget target = targets.get((round + k) % targets.size());
        progress.printf("round %d/%d %s%n", round + 1, settings.rounds(), target.name());
        results.get(target.name()).add(runner.run(target, settings.frames(), settings.limit()));
      }
    }
    if (pool.leasedFrames() != 0) {
      throw new BenchException(
          pool.leasedFrames()
              + " native frames were never released after all runs ended: a sender leaked them");
    }
    return results;
  }

  private void settle(Settings settings, LoadRunner runner, List<LoadTarget> targets)
      throws Exception {
    if (settings.warmupFrames() == 0 || !JitSettling.supported()) {
      return;
    }
    for (int pass = 1; pass <= JitSettling.MAX_PASSES; pass++) {
      long compiledBefore = JitSettling.compiledMillis();
      long start = System.nanoTime();
      for (LoadTarget target : targets) {
        runner.run(target, settings.warmupFrames(), settings.limit());
      }
      long wallNanos = System.nanoTime() - start;
      long compiled = JitSettling.compiledMillis() - compiledBefore;
      progress.printf(
          "warm-up pass %d: JIT compiled for %d ms in %.1f s%n", pass, compiled, wallNanos / 1e9);
      if (JitSettling.quiet(compiled, wallNanos)) {
        return;
      }
    }
    progress.printf(
        "warm-up: the JIT was still busy after %d passes; the first rounds include compiling%n",
        JitSettling.MAX_PASSES);
  }
}
