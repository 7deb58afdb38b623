package io.camerabridge.bindings.aravis;

import com.sun.jna.ptr.PointerByReference;
import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvCameraHandle;
import io.camerabridge.bindings.raw.ArvChunkParserHandle;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open camera: owns one {@code ArvCamera} reference and the streams created from it.
 *
 * <p>Thread-safety: Aravis objects are not thread-safe, so every call is serialised on this camera;
 * different cameras run in parallel. {@link #close()} stops acquisition, closes the streams,
 * disconnects the control-lost handler and releases the camera, in that order. With a dead GigE
 * camera this takes up to ~10 s (Aravis's own timeouts), so never close from a thread that must
 * stay responsive.
 */
public final class Camera implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Camera.class);

  private final Aravis arv = AravisLibrary.aravis();
  private final ArvCameraHandle handle;
  private final CameraAccess access;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final String id;
  private final String vendor;
  private final String model;
  private final String serial;
  private final ControlLostSignal controlLost;
  private final CameraFeatures features;
  private final ImageControls image;
  private final GigeOptions gige;
  private final UsbOptions usb;
  private final Cleaner.Cleanable leakWatch;
  private volatile boolean acquiring;

  private Camera(ArvCameraHandle handle, String deviceId) {
    this.handle = handle;
    this.vendor = text(handle, e -> arv.arv_camera_get_vendor_name(handle, e));
    this.model = text(handle, e -> arv.arv_camera_get_model_name(handle, e));
    this.serial = text(handle, e -> arv.arv_camera_get_device_serial_number(handle, e));
    this.id = deviceId;
    this.access = new CameraAccess(handle, deviceId);
    this.features = new CameraFeatures(access);
    this.image = new ImageControls(access, deviceId);
    this.gige = arv.arv_camera_is_gv_device(handle) ? new GigeOptions(this, access) : null;
    this.usb = arv.arv_camera_is_uv_device(handle) ? new UsbOptions(this, access, features) : null;
    this.controlLost = new ControlLostSignal(id, arv.arv_camera_get_device(handle));
    CameraAccess a = access;
    this.leakWatch = LeakReporter.watch(this, a::isClosed, "Camera " + deviceId);
  }

  /**
   * Opens a camera by device id, serial number or IP address (for example {@code Fake_1}, {@code
   * Basler-acA1300-22gm-12345678}, {@code 12345678}, {@code 192.168.10.20}); also accepts what
   * Aravis accepts natively (user id, MAC). Serial numbers need a discovery round (~1 s).
   *
   * @throws AravisException with code NOT_FOUND naming the selector and the cameras seen
   * @throws AmbiguousCameraException when the selector matches more than one device, also when
   *     Aravis lists only one of them (two GigE cameras with the same serial number) or opens one
   *     of them by a name both answer to (USB3 {@code <vendor>-<serial>})
   */
  public static Camera open(String selector) {
    CameraLocator.Opened opened = CameraLocator.open(selector);
    Camera camera;
    try {
      camera = new Camera(opened.handle(), opened.deviceId());
    } catch (RuntimeException e) {
      AravisLibrary.gobject().g_object_unref(opened.handle());
      throw e;
    }
    try {
      CameraLocator.refuseTwins(selector, camera);
    } catch (RuntimeException e) {
      camera.close();
      throw e;
    }
    return camera;
  }

  /**
   * The device id the camera was opened with: the discovered device id when opened by serial
   * number, otherwise the selector as given (device id, IP address...).
   */
  public String id() {
    return id;
  }

  /** Vendor name. */
  public String vendor() {
    return vendor;
  }

  /** Model name. */
  public String model() {
    return model;
  }

  /** Serial number. */
  public String serial() {
    return serial;
  }

  /** Feature access by GenICam name. */
  public CameraFeatures features() {
    return features;
  }

  /** The serialised handle access, for other safe-layer classes (the feature tree). */
  CameraAccess access() {
    return access;
  }

  /** Pixel format, region, binning, frame rate, exposure and gain. */
  public ImageControls image() {
    return image;
  }

  /** GigE Vision transport options; empty for USB3 and Fake cameras. */
  public Optional<GigeOptions> gige() {
    return Optional.ofNullable(gige);
  }

  /** USB3 Vision transport options; empty for GigE and Fake cameras. */
  public Optional<UsbOptions> usb() {
    return Optional.ofNullable(usb);
  }

  /** Configures the FrameStart trigger (all other trigger selectors are switched off). */
  public void setTrigger(Trigger trigger) {
    if (trigger instanceof Trigger.Off) {
      run(() -> "Clearing triggers on " + id, arv::arv_camera_clear_triggers);
    } else if (trigger instanceof Trigger.Software) {
      run(
          () -> "Setting software trigger on " + id,
          (c, e) -> arv.arv_camera_set_trigger(c, "Software", e));
    } else if (trigger instanceof Trigger.Hardware hw) {
      run(
          () -> "Setting trigger source " + hw.source() + " on " + id,
          (c, e) -> arv.arv_camera_set_trigger(c, hw.source(), e));
      features.setString("TriggerActivation", hw.activation().genicamName());
    }
  }

  /** Fires one software trigger ({@code TriggerSoftware}). */
  public void softwareTrigger() {
    run(() -> "Software trigger on " + id, arv::arv_camera_software_trigger);
  }

  /** Acquisition mode. */
  public AcquisitionMode acquisitionMode() {
    return AcquisitionMode.fromCode(
        call(() -> "Reading the acquisition mode of " + id, arv::arv_camera_get_acquisition_mode));
  }

  /** Sets the acquisition mode. */
  public void setAcquisitionMode(AcquisitionMode mode) {
    run(
        () -> "Setting acquisition mode " + mode + " on " + id,
        (c, e) -> arv.arv_camera_set_acquisition_mode(c, mode.code(), e));
  }

  /** Bytes per frame buffer for the current format and region; re-read after changing them. */
  public long payloadSize() {
    int size = call(() -> "Reading the payload size of " + id, arv::arv_camera_get_payload);
    return Integer.toUnsignedLong(size);
  }

  /** Starts acquisition ({@code AcquisitionStart}); create the stream first. */
  public void startAcquisition() {
    run(() -> "Starting acquisition on " + id, arv::arv_camera_start_acquisition);
    acquiring = true;
  }

  /** Stops acquisition ({@code AcquisitionStop}). */
  public void stopAcquisition() {
    acquiring = false;
    run(() -> "Stopping acquisition on " + id, arv::arv_camera_stop_acquisition);
  }

  /** Aborts acquisition ({@code AcquisitionAbort}), dropping the frame in progress. */
  public void abortAcquisition() {
    acquiring = false;
    run(() -> "Aborting acquisition on " + id, arv::arv_camera_abort_acquisition);
  }

  /**
   * Creates the stream with a fixed pool of buffers of {@link #payloadSize()} bytes. GigE options
   * that Aravis reads at stream creation ({@link GigeOptions#setPacketSocketEnabled}, packet size)
   * must be set before; stream properties come from {@code options}.
   */
  public Stream createStream(StreamOptions options) {
    synchronized (access.lock()) {
      if (access.isClosed()) {
        throw new IllegalStateException("Camera " + id + " is closed");
      }
      Stream stream = Stream.create(this, handle, options);
      streams.add(stream);
      return stream;
    }
  }

  /**
   * A parser for the chunk values of this camera's frames ({@code arv_camera_create_chunk_parser}):
   * it copies the GenICam description, so it stays usable after the camera is closed. Turn the
   * chunks on first (ChunkModeActive, ChunkSelector, ChunkEnable).
   *
   * @throws IllegalStateException if the camera is closed or Aravis has no description for it
   */
  public ChunkParser createChunkParser() {
    synchronized (access.lock()) {
      if (access.isClosed()) {
        throw new IllegalStateException("Camera " + id + " is closed");
      }
      ArvChunkParserHandle parser = arv.arv_camera_create_chunk_parser(handle);
      if (parser == null) {
        throw new IllegalStateException("Aravis made no chunk parser for " + id);
      }
      return new ChunkParser(id, parser);
    }
  }

  /**
   * Registers a listener for loss of control (camera gone or taken over), called once on a shared
   * daemon thread, immediately if already lost. The camera and its streams never recover: close
   * them and open again. That thread serves every camera: hand slow work (closing a dead camera
   * takes seconds) to a thread of your own.
   *
   * <p>The signal is connected only from the first listener on. It is a convenience, not a reliable
   * detector (on GigE it comes ~7.5 s late or never, notes in docs/native-bindings.md), and a
   * connected handler lets a late emission hold the device while the camera closes. A service that
   * watches frames or probes registers anyway is safer without it.
   */
  public void addControlLostListener(Runnable listener) {
    controlLost.addListener(listener);
  }

  /** Removes a listener added with {@link #addControlLostListener}. */
  public void removeControlLostListener(Runnable listener) {
    controlLost.removeListener(listener);
  }

  /**
   * Whether Aravis reported control-lost since a listener was added (it may also never report it:
   * watch frames too).
   */
  public boolean isControlLost() {
    return controlLost.isLost();
  }

  /** Whether a control-lost handler is connected (tests: none unless a listener was added). */
  boolean controlLostConnected() {
    return controlLost.isConnected();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return access.isClosed();
  }

  /** Stops acquisition, closes streams, disconnects signals, releases the camera. Idempotent. */
  @Override
  public void close() {
    if (!access.markClosed()) {
      return;
    }
    // Disconnect first: GLib then skips further emissions (no handler, no reference taken). An
    // emission already running holds a reference to the device until it ends; DeviceRelease makes
    // sure the last reference is still dropped by a Java thread, never by Aravis's heartbeat
    // thread, whose finalizer would join itself (GLib aborts: "Resource deadlock avoided").
    synchronized (access.lock()) {
      controlLost.disconnect();
    }
    for (Stream s : List.copyOf(streams)) {
      s.close();
    }
    stopAcquisitionForTeardown();
    synchronized (access.lock()) {
      DeviceRelease.unrefCamera(handle, arv.arv_camera_get_device(handle));
    }
    leakWatch.clean();
  }

  @Override
  public String toString() {
    return "Camera[" + id + "]";
  }

  boolean hasOpenStream() {
    return !streams.isEmpty();
  }

  void streamClosed(Stream stream) {
    streams.remove(stream);
  }

  Object lock() {
    return access.lock();
  }

  /** Stops acquisition before a stream goes away; failures are logged, never thrown. */
  void stopAcquisitionForTeardown() {
    if (!acquiring) {
      return;
    }
    acquiring = false;
    if (controlLost.isLost()) {
      return; // every register write would just time out
    }
    synchronized (access.lock()) {
      try {
        GErrors.run(
            () -> "Stopping acquisition on " + id, e -> arv.arv_camera_stop_acquisition(handle, e));
      } catch (AravisException e) {
        LOG.warn("{} (continuing teardown)", e.getMessage());
      }
    }
  }

  private <T> T call(
      Supplier<String> operation, BiFunction<ArvCameraHandle, PointerByReference, T> fn) {
    return access.call(operation, fn);
  }

  private void run(Supplier<String> operation, BiConsumer<ArvCameraHandle, PointerByReference> fn) {
    access.run(operation, fn);
  }

  private static String text(ArvCameraHandle handle, Function<PointerByReference, String> read) {
    String s = GErrors.call(() -> "Reading the identity of camera " + handle, read);
    return s == null ? "" : s;
  }
}
