package io.camerabridge.outputs;

import io.camerabridge.bindings.aravis.AravisException;
import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.config.OutputConfig;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.outcome.PartOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The camera's own digital output, the SFNC way: LineSelector=line, LineMode=Output,
 * LineSource=UserOutputK, then UserOutputSelector=UserOutputK and UserOutputValue. A pulse is two
 * writes, the second {@code pulse} later; level mode writes once per outcome. Every write runs on
 * the camera's control thread, never on the frame or results thread; at most {@link #MAX_PENDING}
 * writes wait there (a reconnecting camera), beyond which outcomes are dropped and counted.
 */
final class LineOutput implements Output {
  static final int MAX_PENDING = 64;
  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(LineOutput.class));

  private final String camera;
  private final String name;
  private final OutputConfig config;
  private final OutputMeters meters;
  private final UserOutputSelection selection;
  private final AtomicInteger pending = new AtomicInteger();
  // Each pulse start bumps the generation; an end-of-pulse write of an older pulse is skipped, so
  // back-to-back NG parts hold the line active instead of cutting the newer pulse short.
  private final AtomicLong generation = new AtomicLong();
  private volatile LineControl control;
  private volatile boolean stopped;

  LineOutput(
      String camera,
      String name,
      OutputConfig config,
      OutputMeters meters,
      UserOutputSelection selection) {
    this.camera = camera;
    this.name = name;
    this.config = config;
    this.meters = meters;
    this.selection = selection;
  }

  @Override
  public String name() {
    return name;
  }

  void attach(LineControl control) {
    this.control = control;
  }

  /**
   * Configures the line on a freshly opened camera (control thread) and sets it idle.
   *
   * @throws OutputSetupException naming the feature or entry the camera lacks
   */
  void configure(CameraFeatures f) {
    selectEntry(f, "LineSelector", config.line());
    if (f.isAvailable("LineMode")) {
      // Some cameras have output-only lines without a LineMode; where it exists it must say Output.
      selectEntry(f, "LineMode", "Output");
    }
    selectEntry(f, "LineSource", config.source());
    selection.forget();
    selectEntry(f, "UserOutputSelector", config.source());
    selection.wrote(config.source());
    require(f, "UserOutputValue");
    write(f, false);
  }

  /** Sets the line idle (control thread, before the camera stops). */
  void restoreIdle(CameraFeatures f) {
    // The service is stopping: answers still coming in must not activate the line again.
    stopped = true;
    generation.incrementAndGet();
    try {
      selection.select(f, config.source());
      write(f, false);
    } catch (AravisException e) {
      selection.forget();
      LOG.warn(
          camera + "/" + name + "/idle",
          "Camera {}: output {} could not be set idle: {}",
          camera,
          name,
          e.getMessage());
    }
  }

  /**
   * Counts a lost write as dropped only for an outcome the output fires on, as fired and failed
   * are: a level output also writes its idle level for the others, but those are not its outcomes.
   */
  private void dropped(boolean fires) {
    if (fires) {
      meters.dropped();
    }
  }

  @Override
  public void offer(PartOutcome part, boolean fires) {
    if (!fires && config.pulses()) {
      return;
    }
    LineControl c = control;
    if (stopped) {
      dropped(fires);
      return;
    }
    if (c == null || pending.incrementAndGet() > MAX_PENDING) {
      if (c != null) {
        pending.decrementAndGet();
      }
      dropped(fires);
      return;
    }
    long pulse = generation.incrementAndGet();
    c.run(
        f -> {
          pending.decrementAndGet();
          long started = OutputMeters.epochNanosNow();
          if (drive(f, fires) && fires) {
            meters.fired(part, started);
          }
        },
        () -> {
          pending.decrementAndGet();
          if (fires) {
            meters.failed();
          }
        },
        0);
    if (fires && config.pulses()) {
      c.run(
          f -> {
            if (generation.get() == pulse) {
              drive(f, false);
            }
          },
          () -> {},
          config.pulse().toNanos());
    }
  }

  private boolean drive(CameraFeatures f, boolean active) {
    try {
      selection.select(f, config.source());
      write(f, active);
      return true;
    } catch (AravisException e) {
      selection.forget();
      if (active) {
        meters.failed();
      }
      LOG.warn(
          camera + "/" + name,
          "Camera {}: output {} write failed: {}",
          camera,
          name,
          e.getMessage());
      return false;
    }
  }

  private void write(CameraFeatures f, boolean active) {
    f.setBoolean("UserOutputValue", active != config.invert());
  }

  @Override
  public OutputHealth health() {
    return meters.health();
  }

  @Override
  public int queued() {
    return Math.max(0, pending.get());
  }

  @Override
  public void close(Duration timeout) {
    // The pipeline restores the idle level while it still holds the camera.
  }

  private static void require(CameraFeatures f, String feature) {
    if (!f.isAvailable(feature)) {
      throw new OutputSetupException(
          "the camera has no "
              + feature
              + " feature, which a line output needs (SFNC digital I/O: LineSelector, LineMode,"
              + " LineSource, UserOutputSelector, UserOutputValue)");
    }
  }

  private static void selectEntry(CameraFeatures f, String feature, String entry) {
    require(f, feature);
    List<String> entries = f.enumerationEntries(feature);
    if (!entries.contains(entry)) {
      throw new OutputSetupException(
          feature
              + " has no entry '"
              + entry
              + "': the camera offers "
              + String.join(", ", entries));
    }
    f.setString(feature, entry);
  }
}
