package io.camerabridge.pipeline;

import io.camerabridge.bindings.aravis.Binning;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.bindings.aravis.GigeOptions;
import io.camerabridge.bindings.aravis.Region;
import io.camerabridge.bindings.aravis.SocketBuffer;
import io.camerabridge.bindings.aravis.StreamOptions;
import io.camerabridge.bindings.aravis.Trigger;
import io.camerabridge.bindings.aravis.UsbMode;
import io.camerabridge.bindings.aravis.UsbOptions;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.GigeConfig;
import io.camerabridge.config.TriggerConfig;
import io.camerabridge.config.UsbConfig;
import io.camerabridge.config.UsbIoMode;
import io.camerabridge.genicam.ConfigSteps;
import io.camerabridge.genicam.FeatureDiagnostics;
import io.camerabridge.genicam.FeatureStepRunner;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a camera's configuration in the documented order: user set, feature file, pixel format,
 * binning, region, frame rate, exposure, gain, trigger, the feature steps in file order, then the
 * chunk selection. Feature steps are checked against the camera first ({@link FeatureStepRunner}).
 * Runs on the camera's control thread after every (re)open, so a reconnected camera gets exactly
 * the same settings. Each failure is a {@link CameraSetupException} naming the camera, the feature
 * and the value.
 */
final class CameraConfigurer {
  private static final Logger LOG = LoggerFactory.getLogger(CameraConfigurer.class);

  private final CameraConfig config;

  CameraConfigurer(CameraConfig config) {
    this.config = config;
  }

  void apply(Camera camera) {
    FeatureStepRunner runner = new FeatureStepRunner(camera.features());
    if (config.userSet() != null) {
      step(
          "load user set " + config.userSet(),
          () -> runner.run(ConfigSteps.userSet(config.userSet(), "userSet")));
    }
    if (config.featureFile() != null) {
      step(
          "apply feature file " + config.featureFile(),
          () -> runner.run(config.featureFile().steps().steps()));
    }
    applyOwnKeys(camera);
    if (!config.features().isEmpty()) {
      step("apply features", () -> runner.run(config.features().steps()));
    }
    if (!config.chunks().isEmpty()) {
      step(
          "enable chunks " + config.chunks(),
          () -> runner.run(ConfigSteps.chunks(camera.features(), config.chunks(), "chunks")));
    }
    if (!config.diagnostics().isEmpty()) {
      step(
          "poll diagnostics " + config.diagnostics(),
          () ->
              FeatureDiagnostics.validate(camera.features(), config.diagnostics(), "diagnostics"));
    }
  }

  private void applyOwnKeys(Camera camera) {
    if (config.pixelFormat() != null) {
      String name = config.pixelFormat().genicamName();
      step("set PixelFormat to " + name, () -> camera.image().setPixelFormat(name));
    }
    config
        .sensorBinning()
        .ifPresent(
            b ->
                step(
                    "set binning to " + b.horizontal() + "x" + b.vertical(),
                    () -> camera.image().setBinning(new Binning(b.horizontal(), b.vertical()))));
    applyRegion(camera);
    if (config.frameRate() != null) {
      step(
          "set AcquisitionFrameRate to " + config.frameRate(),
          () -> camera.image().setFrameRate(config.frameRate()));
    }
    if (config.exposure() != null) {
      step(
          "set ExposureTime to " + config.exposure(),
          () -> camera.image().setExposure(config.exposure()));
    }
    if (config.gain() != null) {
      step("set Gain to " + config.gain(), () -> camera.image().setGain(config.gain()));
    }
    applyTrigger(camera, config.trigger());
  }

  /**
   * GigE Vision or USB3 Vision transport: must run before the stream is created, since Aravis reads
   * the packet socket choice, the packet size and the USB mode only then. The other transport's
   * section, when the file sets it, is ignored with one info line: a camera may be swapped for one
   * on the other bus without editing the file.
   */
  void applyTransport(Camera camera) {
    Optional<GigeOptions> gige = camera.gige();
    Optional<UsbOptions> usb = camera.usb();
    if (gige.isPresent()) {
      applyGige(gige.get());
    } else if (!config.gige().equals(GigeConfig.DEFAULTS)) {
      LOG.info("Camera {}: not a GigE Vision camera, ignoring the gige section", config.id());
    }
    if (usb.isPresent()) {
      applyUsb(usb.get());
    } else if (!config.usb().equals(UsbConfig.DEFAULTS)) {
      LOG.info("Camera {}: not a USB3 Vision camera, ignoring the usb section", config.id());
    }
  }

  private void applyUsb(UsbOptions usb) {
    UsbConfig wanted = config.usb();
    if (wanted.mode() != null) {
      UsbMode mode = wanted.mode() == UsbIoMode.ASYNC ? UsbMode.ASYNC : UsbMode.SYNC;
      step("set the USB mode to " + wanted.mode().configName(), () -> usb.setUsbMode(mode));
    }
    if (wanted.throughputLimit() == null) {
      return;
    }
    long bytesPerSecond = wanted.throughputLimit().bytes();
    if (!usb.isThroughputLimitAvailable()) {
      LOG.warn(
          "Camera {}: has no DeviceLinkThroughputLimit, usb.throughputLimit is not applied",
          config.id());
      return;
    }
    step(
        "set DeviceLinkThroughputLimit to " + bytesPerSecond + " bytes/s",
        () -> usb.setThroughputLimit(bytesPerSecond));
  }

  private void applyGige(GigeOptions gige) {
    GigeConfig wanted = config.gige();
    step(
        (wanted.packetSocket() ? "enable" : "disable") + " the packet socket",
        () -> gige.setPacketSocketEnabled(wanted.packetSocket()));
    if (wanted.packetSize().isAuto()) {
      try {
        int size = gige.negotiatePacketSize();
        LOG.debug("Camera {}: negotiated GVSP packet size {}", config.id(), size);
      } catch (RuntimeException e) {
        LOG.warn(
            "Camera {}: packet size negotiation failed, keeping {} bytes: {}",
            config.id(),
            gige.packetSize(),
            e.getMessage());
      }
    } else {
      int bytes = wanted.packetSize().bytes();
      step("set GevSCPSPacketSize to " + bytes, () -> gige.setPacketSize(bytes));
    }
    if (wanted.packetDelay() != null) {
      step(
          "set GevSCPD (packet delay) to " + wanted.packetDelay(),
          () -> gige.setPacketDelay(wanted.packetDelay()));
    }
  }

  /** The stream's buffer count and GigE receive settings. */
  StreamOptions streamOptions() {
    GigeConfig gige = config.gige();
    StreamOptions.Builder b =
        StreamOptions.builder()
            .bufferCount(config.buffers())
            .socketBuffer(
                gige.socketBuffer().isAuto()
                    ? SocketBuffer.automatic()
                    : SocketBuffer.fixed(gige.socketBuffer().size().bytesAsInt()))
            .packetResend(gige.packetResend());
    if (gige.packetTimeout() != null) {
      b.packetTimeout(gige.packetTimeout());
    }
    if (gige.frameRetention() != null) {
      b.frameRetention(gige.frameRetention());
    }
    return b.build();
  }

  private void applyRegion(Camera camera) {
    if (config.width() == null
        && config.height() == null
        && config.offsetX() == null
        && config.offsetY() == null) {
      return;
    }
    Region current = read("read the region (Width/Height/OffsetX/OffsetY)", camera.image()::region);
    Region wanted =
        new Region(
            orElse(config.offsetX(), current.x()),
            orElse(config.offsetY(), current.y()),
            orElse(config.width(), current.width()),
            orElse(config.height(), current.height()));
    checkRegion(camera, current, wanted);
    step(
        "set region to "
            + wanted.width()
            + "x"
            + wanted.height()
            + " at offset ("
            + wanted.x()
            + ","
            + wanted.y()
            + ")",
        () -> camera.image().setRegion(wanted));
  }

  private void checkRegion(Camera camera, Region current, Region wanted) {
    try {
      new RegionCheck(config.id(), camera).check(current, wanted);
    } catch (CameraSetupException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CameraSetupException(config.id(), "cannot read the region's bounds", e);
    }
  }

  private void applyTrigger(Camera camera, TriggerConfig trigger) {
    switch (trigger.mode()) {
      case FREE_RUN -> step("set TriggerMode to Off", () -> camera.setTrigger(Trigger.off()));
      case SOFTWARE ->
          step(
              "set TriggerMode to On with TriggerSource Software",
              () -> camera.setTrigger(Trigger.software()));
      case HARDWARE -> {
        Trigger.Activation activation = Trigger.Activation.valueOf(trigger.activation().name());
        step(
            "set TriggerMode to On with TriggerSource "
                + trigger.source()
                + " and TriggerActivation "
                + activation.genicamName(),
            () -> camera.setTrigger(Trigger.hardware(trigger.source(), activation)));
        if (trigger.delay() != null) {
          step("set TriggerDelay to " + trigger.delay(), () -> setDelay(camera, trigger.delay()));
        }
      }
    }
  }

  private static void setDelay(Camera camera, Duration delay) {
    CameraFeatures features = camera.features();
    double micros = delay.toNanos() / 1000.0;
    // SFNC names it TriggerDelay; older GigE cameras (and Aravis's fake) call it TriggerDelayAbs.
    String name = features.isAvailable("TriggerDelay") ? "TriggerDelay" : "TriggerDelayAbs";
    features.setFloat(name, micros);
  }

  private void step(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      throw new CameraSetupException(config.id(), "cannot " + what, e);
    }
  }

  private <T> T read(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw new CameraSetupException(config.id(), "cannot " + what, e);
    }
  }

  private static int orElse(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
