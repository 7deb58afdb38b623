package io.camerabridge.tools.bench;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.outputs.CameraOutputs;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.FrameTap;
import io.camerabridge.pipeline.PipelineParts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One camera of {@code bench e2e --cameras}: its configuration (read through the service's loader),
 * its own client and pipeline, as the service builds them for every configured camera. The fake
 * camera and the analyzer are the caller's: they are started before the configuration exists.
 */
final class CameraLane implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final FakeGvCameraProcess camera;
  private final PopClock clock = new PopClock();
  private final TimedPekatClient client;
  private final CameraPipeline pipeline;
  private boolean started;

  CameraLane(
      FakeGvCameraProcess camera,
      CameraConfig config,
      ClientResources resources,
      Executor results) {
    this.camera = camera;
    this.client =
        new TimedPekatClient(
            NettyPekatClient.open(PipelineParts.endpoint(config.pekat()), resources), clock);
    CameraOutputs outputs =
        CameraOutputs.create(config, Optional.empty(), new SimpleMeterRegistry());
    PipelineParts parts =
        PipelineParts.create(config, client, clock, results, outputs, FrameTap.NONE);
    this.pipeline = new CameraPipeline(config, parts);
  }

  void start() {
    pipeline.start();
    started = true;
  }

  void awaitFirstResult() throws InterruptedException {
    E2eBenchmark.awaitFirstResult(pipeline);
  }

  void recording(boolean on) {
    client.recording(on);
  }

  E2eResult.Counts counts() {
    return E2eBenchmark.counts(pipeline, clock);
  }

  TimedPekatClient.Latencies latencies() {
    return client.latencies();
  }

  long clientFailures() {
    return client.failed();
  }

  String device() {
    return camera.address().getHostAddress();
  }

  @Override
  public void close() {
    if (started) {
      pipeline.stop(STOP_TIMEOUT);
    }
  }
}
