package io.camerabridge.bindings.aravis;

import com.sun.jna.ptr.IntByReference;
import io.camerabridge.bindings.raw.Aravis;
import java.time.Duration;
import java.util.List;

/**
 * What a camera's images look like: pixel format, region, binning, frame rate, exposure and gain,
 * through Aravis's camera API (serialised on the camera, like every other call). Obtained from
 * {@link Camera#image()}; valid while the camera is open.
 */
public final class ImageControls {
  private final Aravis arv = AravisLibrary.aravis();
  private final CameraAccess access;
  private final String id;

  ImageControls(CameraAccess access, String id) {
    this.access = access;
    this.id = id;
  }

  /** Current pixel format; {@link PixelFormat#UNKNOWN} if this enum lacks its code. */
  public PixelFormat pixelFormat() {
    return PixelFormat.fromCode(pixelFormatCode());
  }

  /** Current pixel format code. */
  public int pixelFormatCode() {
    return access.call(() -> "Reading the pixel format of " + id, arv::arv_camera_get_pixel_format);
  }

  /** Sets the pixel format; fails naming it and the available ones when the camera lacks it. */
  public void setPixelFormat(PixelFormat format) {
    if (format == PixelFormat.UNKNOWN) {
      throw new IllegalArgumentException("PixelFormat.UNKNOWN cannot be set");
    }
    setPixelFormat(format.genicamName());
  }

  /** Sets the pixel format by GenICam name (e.g. {@code BayerRG8}). */
  public void setPixelFormat(String genicamName) {
    List<String> available = availablePixelFormats();
    if (!available.contains(genicamName)) {
      throw new AravisException(
          "Pixel format '"
              + genicamName
              + "' is not offered by "
              + id
              + "; available: "
              + available,
          AravisException.DeviceError.INVALID_PARAMETER);
    }
    access.run(
        () -> "Setting pixel format " + genicamName + " on " + id,
        (h, e) -> arv.arv_camera_set_pixel_format_from_string(h, genicamName, e));
  }

  /** GenICam names of the pixel formats the camera offers. */
  public List<String> availablePixelFormats() {
    IntByReference n = new IntByReference();
    return access.call(
        () -> "Listing pixel formats of " + id,
        (h, e) ->
            NativeArrays.strings(
                arv.arv_camera_dup_available_pixel_formats_as_strings(h, n, e), n.getValue()));
  }

  /** Current region of interest. */
  public Region region() {
    IntByReference x = new IntByReference();
    IntByReference y = new IntByReference();
    IntByReference w = new IntByReference();
    IntByReference h = new IntByReference();
    access.run(
        () -> "Reading the region of " + id, (c, e) -> arv.arv_camera_get_region(c, x, y, w, h, e));
    return new Region(x.getValue(), y.getValue(), w.getValue(), h.getValue());
  }

  /** Sets the region of interest (Aravis sets size before or after offset as needed). */
  public void setRegion(Region r) {
    access.run(
        () -> "Setting region " + r + " on " + id,
        (c, e) -> arv.arv_camera_set_region(c, r.x(), r.y(), r.width(), r.height(), e));
  }

  /** Bounds of offsets and size for the current state (they depend on each other). */
  public Region.Bounds regionBounds() {
    return new Region.Bounds(
        access.intBounds("x offset", arv::arv_camera_get_x_offset_bounds),
        access.intBounds("y offset", arv::arv_camera_get_y_offset_bounds),
        access.intBounds("width", arv::arv_camera_get_width_bounds),
        access.intBounds("height", arv::arv_camera_get_height_bounds));
  }

  /** Current binning. */
  public Binning binning() {
    IntByReference dx = new IntByReference();
    IntByReference dy = new IntByReference();
    access.run(
        () -> "Reading binning of " + id, (c, e) -> arv.arv_camera_get_binning(c, dx, dy, e));
    return new Binning(dx.getValue(), dy.getValue());
  }

  /** Sets binning; check {@link #isBinningAvailable()} first. */
  public void setBinning(Binning b) {
    access.run(
        () -> "Setting binning " + b + " on " + id,
        (c, e) -> arv.arv_camera_set_binning(c, b.horizontal(), b.vertical(), e));
  }

  /** Whether the camera supports binning. */
  public boolean isBinningAvailable() {
    return access.call(() -> "Checking binning of " + id, arv::arv_camera_is_binning_available);
  }

  /** Frame rate in Hz. */
  public double frameRate() {
    return access.call(() -> "Reading the frame rate of " + id, arv::arv_camera_get_frame_rate);
  }

  /** Sets the frame rate in Hz (enabling frame-rate control where the camera needs it). */
  public void setFrameRate(double hz) {
    access.run(
        () -> "Setting frame rate " + hz + " Hz on " + id,
        (c, e) -> arv.arv_camera_set_frame_rate(c, hz, e));
  }

  /** Frame-rate bounds in Hz. */
  public DoubleRange frameRateBounds() {
    return access.doubleBounds("frame rate", arv::arv_camera_get_frame_rate_bounds);
  }

  /** Exposure time. */
  public Duration exposure() {
    double us =
        access.call(() -> "Reading the exposure of " + id, arv::arv_camera_get_exposure_time);
    return Duration.ofNanos(Math.round(us * 1000));
  }

  /** Sets the exposure time; must be positive (Aravis silently ignores others). */
  public void setExposure(Duration exposure) {
    if (exposure.isNegative() || exposure.isZero()) {
      throw new IllegalArgumentException("Exposure must be positive, was " + exposure);
    }
    double us = exposure.toNanos() / 1000.0;
    access.run(
        () -> "Setting exposure " + us + " us on " + id,
        (c, e) -> arv.arv_camera_set_exposure_time(c, us, e));
  }

  /** Exposure bounds in microseconds. */
  public DoubleRange exposureBoundsMicros() {
    return access.doubleBounds("exposure", arv::arv_camera_get_exposure_time_bounds);
  }

  /** Gain in the camera's unit (usually dB). */
  public double gain() {
    return access.call(() -> "Reading the gain of " + id, arv::arv_camera_get_gain);
  }

  /** Sets the gain; must not be negative (Aravis silently ignores that). */
  public void setGain(double gain) {
    if (gain < 0) {
      throw new IllegalArgumentException("Gain must not be negative, was " + gain);
    }
    access.run(
        () -> "Setting gain " + gain + " on " + id, (c, e) -> arv.arv_camera_set_gain(c, gain, e));
  }

  /** Gain bounds. */
  public DoubleRange gainBounds() {
    return access.doubleBounds("gain", arv::arv_camera_get_gain_bounds);
  }
}
