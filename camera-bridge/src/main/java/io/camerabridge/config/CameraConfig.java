package io.camerabridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One camera and where its frames go. Optional camera settings are null when the file leaves them
 * out, meaning "keep the camera's own value". Settings are applied in this order: pixel format,
 * {@link #userSet()} (UserSetSelector + UserSetLoad), {@link #featureFile()} in file order, pixel
 * format, binning, region (width, height, offsets), frame rate, exposure, gain, trigger, {@link
 * #features()} in file order, chunk selection, then the GigE or USB3 transport.
 *
 * @param id stable name used in metrics, logs and file names: {@code [a-z0-9][a-z0-9_-]*}, at most
 *     64 characters
 * @param device Aravis device id, serial number or IP address
 * @param enabled false keeps the entry without opening the camera (default true)
 * @param pixelFormat what the camera delivers and how it is sent
 * @param width region width in pixels
 * @param height region height in pixels
 * @param offsetX region left edge
 * @param offsetY region top edge
 * @param binning optional sensor binning
 * @param frameRate acquisition frame rate in frames per second (free-run)
 * @param exposure exposure time
 * @param gain gain in the camera's unit (usually dB)
 * @param trigger how frames are triggered (default free-run)
 * @param buffers stream buffers, 2..64 (default 8): frames in flight between camera and analyzer
 * @param gige GigE Vision transport settings
 * @param usb USB3 Vision transport settings
 * @param features further GenICam feature steps, as a mapping or an ordered list (selector chains,
 *     {@code execute:} commands), applied after the camera's own keys
 * @param userSet user set loaded first ({@code UserSetSelector} + {@code UserSetLoad}), so the file
 *     states only what differs from it
 * @param featureFile a file of {@code Name=Value} lines or a pylon {@code .pfs}, applied after the
 *     user set and before the camera's own keys
 * @param diagnostics readable features polled into {@code camerabridge_camera_feature}
 * @param diagnosticsInterval how often {@link #diagnostics()} are read (default 10 s)
 * @param chunks chunk data to enable ({@code ChunkSelector} entries such as {@code Timestamp}),
 *     whose values go into the journal record
 * @param convertRgbToBgr swap red and blue of RGB8 frames before sending (default false)
 * @param frameTimeout frame watchdog: no frame for this long means the camera is lost and is
 *     reopened; {@link Duration#ZERO} turns the watchdog off. Default: the larger of 2s and 5 frame
 *     periods; off for hardware triggers, whose frames may legitimately pause
 * @param pekat where frames are analyzed (required)
 * @param results journal and NG image saving
 * @param verdict how long the line waits for a verdict and what it is told without one
 * @param outputs where each part's outcome goes, in file order
 */
public record CameraConfig(
    String id,
    String device,
    Boolean enabled,
    PixelFormatChoice pixelFormat,
    Integer width,
    Integer height,
    Integer offsetX,
    Integer offsetY,
    Binning binning,
    Double frameRate,
    Duration exposure,
    Double gain,
    TriggerConfig trigger,
    Integer buffers,
    GigeConfig gige,
    UsbConfig usb,
    FeatureSteps features,
    String userSet,
    FeatureFile featureFile,
    List<String> diagnostics,
    Duration diagnosticsInterval,
    List<String> chunks,
    Boolean convertRgbToBgr,
    Duration frameTimeout,
    PekatConfig pekat,
    ResultsConfig results,
    VerdictConfig verdict,
    List<OutputConfig> outputs) {

  /** Default number of stream buffers. */
  public static final int DEFAULT_BUFFERS = 8;

  /** The shortest default frame watchdog. */
  public static final Duration MIN_DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(2);

  /** Default {@link #diagnosticsInterval()}. */
  public static final Duration DEFAULT_DIAGNOSTICS_INTERVAL = Duration.ofSeconds(10);

  /** Fills in defaults and freezes the lists (keeping file order). */
  public CameraConfig {
    enabled = enabled == null || enabled;
    trigger = trigger == null ? TriggerConfig.FREE_RUN : trigger;
    buffers = buffers == null ? DEFAULT_BUFFERS : buffers;
    gige = gige == null ? GigeConfig.DEFAULTS : gige;
    usb = usb == null ? UsbConfig.DEFAULTS : usb;
    features = features == null ? FeatureSteps.NONE : features;
    diagnostics = frozen(diagnostics);
    diagnosticsInterval =
        diagnosticsInterval == null ? DEFAULT_DIAGNOSTICS_INTERVAL : diagnosticsInterval;
    chunks = frozen(chunks);
    convertRgbToBgr = convertRgbToBgr != null && convertRgbToBgr;
    frameTimeout = frameTimeout == null ? defaultFrameTimeout(trigger, frameRate) : frameTimeout;
    results = results == null ? ResultsConfig.NONE : results;
    verdict = verdict == null ? VerdictConfig.WAIT : verdict;
    // Not List.copyOf: an empty "- " entry binds as null and must reach the validator.
    outputs = outputs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(outputs));
  }

  /** The binning, if configured. */
  public Optional<Binning> sensorBinning() {
    return Optional.ofNullable(binning);
  }

  /** The longest default {@link #busyWait()}. */
  public static final Duration MAX_DEFAULT_BUSY_WAIT = Duration.ofMillis(100);

  /**
   * How long a complete frame may wait for a free analyzer slot before it is dropped as busy:
   * {@code pekat.busyWait}, else half the frame period (at most {@link #MAX_DEFAULT_BUSY_WAIT}),
   * which absorbs frames that Aravis completes in bursts without letting the frame thread fall
   * behind the camera; 0 (drop at once) for hardware triggers and when the rate is unknown.
   */
  public Duration busyWait() {
    if (pekat.busyWait() != null) {
      return pekat.busyWait();
    }
    Double rate = nominalRate(trigger, frameRate);
    if (rate == null) {
      return Duration.ZERO;
    }
    Duration half = Duration.ofNanos((long) (0.5e9 / rate));
    return half.compareTo(MAX_DEFAULT_BUSY_WAIT) < 0 ? half : MAX_DEFAULT_BUSY_WAIT;
  }

  /** Frames per second the camera is set to deliver, when known (not for hardware triggers). */
  private static Double nominalRate(TriggerConfig trigger, Double frameRate) {
    if (trigger.mode().waitsForExternalSignal()) {
      return null;
    }
    Double rate = trigger.mode() == TriggerMode.SOFTWARE ? trigger.rate() : frameRate;
    return rate == null || !(rate > 0) || rate.isInfinite() ? null : rate;
  }

  /** The frame watchdog timeout, empty when the watchdog is off. */
  public Optional<Duration> frameWatchdog() {
    return frameTimeout.isZero() ? Optional.empty() : Optional.of(frameTimeout);
  }

  // Nulls stay in (a bad entry that failed to bind): the validator reports them by index.
  private static List<String> frozen(List<String> list) {
    return list == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(list));
  }

  private static Duration defaultFrameTimeout(TriggerConfig trigger, Double frameRate) {
    if (trigger.mode().waitsForExternalSignal()) {
      // Line triggers may pause for as long as the line stands still.
      return Duration.ZERO;
    }
    Double rate = nominalRate(trigger, frameRate);
    if (rate == null) {
      return MIN_DEFAULT_FRAME_TIMEOUT;
    }
    Duration fivePeriods = Duration.ofNanos((long) (5e9 / rate));
    return fivePeriods.compareTo(MIN_DEFAULT_FRAME_TIMEOUT) > 0
        ? fivePeriods
        : MIN_DEFAULT_FRAME_TIMEOUT;
  }
}
