package io.camerabridge.tools.bench;

import io.camerabridge.analyzers.AnalyzerPool;
import io.camerabridge.analyzers.AnalyzerState;
import io.camerabridge.analyzers.InstanceStatus;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.BridgeConfig;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import io.camerabridge.pipeline.PipelineParts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench e2e --analyzers K}: one fake GigE camera through the service's pipeline to K serial
 * in-process simulators ({@code pekat.urls}); analysed frames/s per instance and in total. With
 * {@code --kill-analyzer-after}, the last instance is killed after that long, restarted on its port
 * after {@code --restart-after}, and the run reports the frames lost to it, the survivors' rate
 * meanwhile and how long the restarted instance took from answering {@code /ping} to re-admission.
 */
final class PoolBenchmark {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration READMIT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  /** Re-admission is read off the pool's state; 1 ms steps are far below its 2 s target. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final PrintStream progress;

  PoolBenchmark(PrintStream progress) {
    this.progress = progress;
  }

  PoolResult run(E2eSettings settings, PoolSettings pool) throws Exception {
    MachineInfo machine = MachineInfo.current();
    ExecutorService results =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-results");
              t.setDaemon(true);
              return t;
            });
    try (SerialAnalyzers analyzers =
            SerialAnalyzers.start(pool.analyzers(), pool.analysisLatency());
        FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start();
        ClientResources resources = ClientResources.create()) {
      BridgeConfig file =
          E2eCameraConfig.loadPool(camera.address().getHostAddress(), analyzers.urls(), settings);
      CameraConfig config = file.cameras().get(0);
      PopClock clock = new PopClock();
      CameraOutputs outputs =
          CameraOutputs.create(config, Optional.empty(), new SimpleMeterRegistry());
      CameraPipeline pipeline =
          new CameraPipeline(
              config,
              PipelineParts.create(config, resources, clock, results, outputs, FrameTap.NONE));
      progress.printf("pipeline: %s -> %s%n", camera, analyzers.urls());
      pipeline.start();
      try {
        if (!pipeline.analyzers().awaitReady(pool.analyzers(), START_TIMEOUT)) {
          throw new BenchException(
              "not every analyzer was warmed up within " + START_TIMEOUT.toSeconds() + " s");
        }
        E2eBenchmark.awaitFirstResult(pipeline);
        TimeUnit.NANOSECONDS.sleep(settings.warmup().toNanos());
        Window w = window(pipeline, clock, pool.killAfter().orElse(settings.duration()));
        PoolResult.Failover failover =
            pool.killAfter().isPresent() ? failover(pipeline, clock, analyzers, pool) : null;
        return new PoolResult(
            settings,
            pool,
            analyzers.description(),
            config.busyWait(),
            w.counts,
            w.rates,
            failover,
            machine,
            MachineInfo.currentLoadAverage());
      } finally {
        pipeline.stop(STOP_TIMEOUT);
      }
    } finally {
      results.shutdown();
      results.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private record Window(E2eResult.Counts counts, List<PoolResult.InstanceRate> rates) {}

  private Window window(CameraPipeline pipeline, PopClock clock, Duration length)
      throws InterruptedException {
    List<InstanceStatus> before = pipeline.analyzers().status();
    E2eResult.Counts start = E2eBenchmark.counts(pipeline, clock);
    progress.printf("measuring %d s%n", length.toSeconds());
    TimeUnit.NANOSECONDS.sleep(length.toNanos());
    E2eResult.Counts counts = E2eBenchmark.counts(pipeline, clock).minus(start);
    return new Window(counts, rates(before, pipeline.analyzers().status(), counts.seconds()));
  }

  private static List<PoolResult.InstanceRate> rates(
      List<InstanceStatus> before, List<InstanceStatus> after, double seconds) {
    List<PoolResult.InstanceRate> out = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      long n = answered(after.get(i)) - answered(before.get(i));
      out.add(new PoolResult.InstanceRate(after.get(i).analyzer(), n, n / seconds));
    }
    return out;
  }

  /** Requests that were not failures: the frames the instance analysed. */
  private static long answered(InstanceStatus s) {
    return s.requests() - s.failures();
  }

  private PoolResult.Failover failover(
      CameraPipeline pipeline, PopClock clock, SerialAnalyzers analyzers, PoolSettings pool)
      throws InterruptedException {
    AnalyzerPool instances = pipeline.analyzers();
    int victim = pool.analyzers() - 1;
    long lostBefore = instances.failovers(false);
    E2eResult.Counts start = E2eBenchmark.counts(pipeline, clock);
    List<InstanceStatus> before = instances.status();
    String name = before.get(victim).analyzer();
    int inFlight = before.get(victim).inFlight();
    analyzers.kill(victim);
    progress.printf("killed %s (%d in flight)%n", name, inFlight);
    TimeUnit.NANOSECONDS.sleep(pool.restartAfter().toNanos());
    List<InstanceStatus> dead = instances.status();
    double outage = (E2eBenchmark.counts(pipeline, clock).nanos() - start.nanos()) / 1e9;
    analyzers.restart(victim);
    long answering = System.nanoTime();
    long readyMillis = awaitReady(instances, victim, answering);
    progress.printf("restarted %s: ready %d ms after it answered /ping%n", name, readyMillis);
    E2eResult.Counts counts = E2eBenchmark.counts(pipeline, clock).minus(start);
    long survivors = 0;
    for (int i = 0; i < dead.size(); i++) {
      if (i != victim) {
        survivors += answered(dead.get(i)) - answered(before.get(i));
      }
    }
    return new PoolResult.Failover(
        name,
        inFlight,
        instances.status().get(victim).failures() - before.get(victim).failures(),
        instances.failovers(false) - lostBefore,
        counts.failed(),
        survivors / outage,
        outage,
        readyMillis);
  }

  /** Millis from {@code since} until instance {@code i} is ready again; -1 if not in time. */
  private static long awaitReady(AnalyzerPool instances, int i, long since)
      throws InterruptedException {
    long deadline = since + READMIT_TIMEOUT.toNanos();
    while (instances.status().get(i).state() != AnalyzerState.READY) {
      if (System.nanoTime() - deadline > 0) {
        return -1;
      }
      TimeUnit.NANOSECONDS.sleep(POLL_NANOS);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
  }
}
