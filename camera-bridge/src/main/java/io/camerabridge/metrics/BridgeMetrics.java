package io.camerabridge.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * The process's metrics: one Prometheus registry with the JVM and process meters, plus per-camera
 * {@link FrameMetrics} and gauges. Created once at start-up; closed at shutdown after the status
 * server that scrapes it.
 */
public final class BridgeMetrics implements AutoCloseable {

  /** A guard against a tag value that is not from a bounded set slipping into the camera tag. */
  static final int MAX_CAMERAS = 64;

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final AtomicBoolean closed = new AtomicBoolean();

  public BridgeMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(
            MeterFilter.maximumAllowableTags(
                "camerabridge", MeterTags.CAMERA, MAX_CAMERAS, MeterFilter.deny()));
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** The registry {@code /metrics} scrapes. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The hot-path recorder for one camera; call once per camera and keep it. */
  public FrameMetrics forCamera(String cameraId) {
    return new MicrometerFrameMetrics(registry, cameraId);
  }

  /** Registers one camera's gauges; call once per camera for the life of the process. */
  public void bindCamera(String cameraId, CameraGauges gauges) {
    new CameraMeterBinder(cameraId, gauges).bindTo(registry);
  }

  /**
   * Registers one gauge per diagnostics feature of a camera ({@code camerabridge_camera_feature});
   * call once per camera for the life of the process.
   */
  public void bindCameraFeatures(String cameraId, Map<String, DoubleSupplier> features) {
    CameraMeterBinder.bindFeatures(registry, cameraId, features);
  }

  /**
   * Registers one camera's watchdog gauge; call once per camera for the life of the process. The
   * supplier is read on the scrape thread: cheap, non-blocking, thread-safe.
   */
  public void bindWatchdog(String cameraId, DoubleSupplier frameSilenceSeconds) {
    BridgeMeter.WATCHDOG_FRAME_SILENCE.gauge(
        registry,
        MicrometerFrameMetrics.cameraTags(cameraId),
        frameSilenceSeconds,
        DoubleSupplier::getAsDouble);
  }

  /**
   * Registers one camera's misconfiguration gauge; call once per camera for the life of the
   * process. The supplier is read on the scrape thread: cheap, non-blocking, thread-safe.
   */
  public void bindMisconfigured(String cameraId, java.util.function.BooleanSupplier refused) {
    BridgeMeter.CAMERA_MISCONFIGURED.gauge(
        registry,
        MicrometerFrameMetrics.cameraTags(cameraId),
        refused,
        r -> r.getAsBoolean() ? 1 : 0);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      gcMetrics.close();
      registry.close();
    }
  }
}
