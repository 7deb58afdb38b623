package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.Aravis;
import java.util.OptionalLong;

/**
 * USB3 Vision transport options of one camera ({@link Camera#usb()}). The USB mode is read by
 * Aravis when the stream is created, so it can only be changed while the camera has no open stream.
 * The link throughput limit is the SFNC feature pair {@code DeviceLinkThroughputLimit} (bytes per
 * second) and {@code DeviceLinkThroughputLimitMode}; Aravis's own bandwidth helper only works for
 * XIMEA cameras, so this uses the features directly where the camera has them.
 */
public final class UsbOptions {
  static final String LIMIT = "DeviceLinkThroughputLimit";
  static final String LIMIT_MODE = "DeviceLinkThroughputLimitMode";

  private final Camera owner;
  private final CameraAccess camera;
  private final CameraFeatures features;
  private final Aravis arv = AravisLibrary.aravis();
  private volatile UsbMode usbMode = UsbMode.SYNC;

  UsbOptions(Camera owner, CameraAccess camera, CameraFeatures features) {
    this.owner = owner;
    this.camera = camera;
    this.features = features;
  }

  /** The mode streams created from now on use (Aravis's default is {@link UsbMode#SYNC}). */
  public UsbMode usbMode() {
    return usbMode;
  }

  /**
   * Sets the mode for streams created afterwards.
   *
   * @throws IllegalStateException if the camera has an open stream (Aravis would ignore it)
   */
  public void setUsbMode(UsbMode mode) {
    synchronized (camera.lock()) {
      if (owner.hasOpenStream()) {
        throw new IllegalStateException(
            "The USB mode of "
                + camera.id()
                + " is read when the stream is created; close the stream, set it, create a new one");
      }
      camera.run(
          () -> "Setting USB mode " + mode + " on " + camera.id(),
          (h, e) -> arv.arv_camera_uv_set_usb_mode(h, mode.code()));
      usbMode = mode;
    }
  }

  /** Whether the camera has {@code DeviceLinkThroughputLimit}. */
  public boolean isThroughputLimitAvailable() {
    return features.isAvailable(LIMIT);
  }

  /** The limit in bytes per second while it is on; empty when off or not available. */
  public OptionalLong throughputLimit() {
    if (!isThroughputLimitAvailable()) {
      return OptionalLong.empty();
    }
    if (features.isAvailable(LIMIT_MODE) && !"On".equals(features.getString(LIMIT_MODE))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(features.getInteger(LIMIT));
  }

  /**
   * Limits the stream's average bandwidth (cameras sharing one host controller).
   *
   * @throws UnsupportedOperationException if the camera has no {@code DeviceLinkThroughputLimit}
   * @throws AravisException if the camera refuses the value (see its bounds)
   */
  public void setThroughputLimit(long bytesPerSecond) {
    if (!isThroughputLimitAvailable()) {
      throw new UnsupportedOperationException(
          camera.id() + " has no " + LIMIT + ": its bandwidth cannot be limited");
    }
    if (features.isAvailable(LIMIT_MODE)) {
      features.setString(LIMIT_MODE, "On");
    }
    features.setInteger(LIMIT, bytesPerSecond);
  }

  /** Switches the limit off (where the camera has the mode feature). */
  public void clearThroughputLimit() {
    if (features.isAvailable(LIMIT_MODE)) {
      features.setString(LIMIT_MODE, "Off");
    }
  }
}
