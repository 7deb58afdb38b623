package io.camerabridge.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** Checks one camera entry after binding: required keys, ranges and rules between keys. */
final class CameraValidator {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_SENSOR_SIDE = 65535;

  private final Problems problems;
  private final Ranges ranges;

  CameraValidator(Problems problems) {
    this.problems = problems;
    this.ranges = new Ranges(problems);
  }

  void validate(String path, CameraConfig camera) {
    checkIdentity(path, camera);
    checkPixelFormat(path, camera);
    checkRegion(path, camera);
    ranges.number(at(path, "frameRate"), camera.frameRate(), 0.001, 10_000, "frames per second");
    ranges.duration(
        at(path, "exposure"), camera.exposure(), Duration.ofNanos(1000), Duration.ofSeconds(60));
    ranges.number(at(path, "gain"), camera.gain(), 0, 1000, "the camera's gain unit (usually dB)");
    new TriggerValidator(problems, ranges).validate(at(path, "trigger"), camera.trigger());
    ranges.whole(at(path, "buffers"), camera.buffers(), 2, 64, "");
    checkGige(at(path, "gige"), camera.gige());
    if (camera.usb().throughputLimit() != null) {
      // USB3 Gen 1 carries about 400 MB/s; below 1 MB/s no camera streams usefully.
      ranges.size(
          at(at(path, "usb"), "throughputLimit"),
          camera.usb().throughputLimit(),
          DataSize.ofMebibytes(1),
          DataSize.ofGibibytes(10));
    }
    new FeatureValidator(problems, ranges).validate(path, camera);
    if (!camera.frameTimeout().isZero()) {
      ranges.duration(
          at(path, "frameTimeout"),
          camera.frameTimeout(),
          Duration.ofMillis(100),
          Duration.ofHours(1));
    }
    if (camera.pekat() == null) {
      problems.check(
          at(path, "pekat"),
          "required: where to send frames, at least 'pekat: { url: \"http://127.0.0.1:8000\" }'");
    } else {
      new PekatValidator(problems, ranges)
          .validate(at(path, "pekat"), camera.pekat(), camera.buffers());
      new ResultsValidator(problems)
          .validate(at(path, "results"), camera.results(), camera.pekat());
    }
  }

  private void checkIdentity(String path, CameraConfig camera) {
    String id = camera.id();
    if (id == null || id.isBlank()) {
      problems.check(
          at(path, "id"),
          "required: a stable name for this camera such as line1-top, used in metrics, logs and"
              + " file names");
    } else if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
      problems.check(
          at(path, "id"),
          "'"
              + id
              + "' is not a valid camera id: use lower-case letters, digits, '-' and '_', starting"
              + " with a letter or digit, at most "
              + MAX_ID_LENGTH
              + " characters (e.g. line1-top)");
    }
    if (camera.device() == null || camera.device().isBlank()) {
      problems.check(
          at(path, "device"),
          "required: the camera's Aravis device id, serial number or IP address (list them with"
              + " 'camera-bridge devices')");
    }
  }

  private void checkPixelFormat(String path, CameraConfig camera) {
    PixelFormatChoice format = camera.pixelFormat();
    String formatPath = at(path, "pixelFormat");
    String convertPath = at(path, "convertRgbToBgr");
    if (format == null) {
      problems.check(
          formatPath,
          "required: the camera's pixel format; supported are Mono8, BayerRG8, BGR8, and RGB8"
              + " with convertRgbToBgr: true");
      return;
    }
    if (format.needsConversion() && !camera.convertRgbToBgr()) {
      problems.check(
          formatPath,
          format.genicamName()
              + " cannot be sent as is: PEKAT takes BGR8. Choose BGR8 if the camera offers it,"
              + " or set convertRgbToBgr: true to swap red and blue in each frame",
          convertPath);
    }
    if (!format.needsConversion() && camera.convertRgbToBgr()) {
      problems.check(
          convertPath,
          "convertRgbToBgr applies only to pixelFormat RGB8 (this camera uses "
              + format.genicamName()
              + "): remove it",
          formatPath);
    }
  }

  private void checkRegion(String path, CameraConfig camera) {
    ranges.whole(at(path, "width"), camera.width(), 1, MAX_SENSOR_SIDE, "pixels");
    ranges.whole(at(path, "height"), camera.height(), 1, MAX_SENSOR_SIDE, "pixels");
    ranges.whole(at(path, "offsetX"), camera.offsetX(), 0, MAX_SENSOR_SIDE - 1, "pixels");
    ranges.whole(at(path, "offsetY"), camera.offsetY(), 0, MAX_SENSOR_SIDE - 1, "pixels");
    checkRegionEdge(path, camera.width(), camera.offsetX(), "width", "offsetX");
    checkRegionEdge(path, camera.height(), camera.offsetY(), "height", "offsetY");
    camera
        .sensorBinning()
        .ifPresent(
            b -> {
              ranges.whole(at(path, "binning.horizontal"), b.horizontal(), 1, 16, "");
              ranges.whole(at(path, "binning.vertical"), b.vertical(), 1, 16, "");
            });
  }

  private void checkRegionEdge(
      String path, Integer size, Integer offset, String sizeKey, String offsetKey) {
    if (size != null
        && offset != null
        && size >= 1
        && offset >= 0
        && (long) size + offset > MAX_SENSOR_SIDE) {
      problems.check(
          at(path, offsetKey),
          offsetKey
              + " + "
              + sizeKey
              + " = "
              + ((long) size + offset)
              + " is beyond any sensor (at most "
              + MAX_SENSOR_SIDE
              + "): reduce "
              + offsetKey
              + " or "
              + sizeKey,
          at(path, sizeKey));
    }
  }

  private void checkGige(String path, GigeConfig gige) {
    ranges.duration(
        at(path, "packetDelay"), gige.packetDelay(), Duration.ZERO, Duration.ofSeconds(1));
    ranges.duration(
        at(path, "packetTimeout"),
        gige.packetTimeout(),
        Duration.ofMillis(1),
        Duration.ofSeconds(10));
    ranges.duration(
        at(path, "frameRetention"),
        gige.frameRetention(),
        Duration.ofMillis(1),
        Duration.ofSeconds(10));
    if (!gige.socketBuffer().isAuto()) {
      ranges.size(
          at(path, "socketBuffer"),
          gige.socketBuffer().size(),
          DataSize.ofKibibytes(64),
          DataSize.ofMebibytes(256));
    }
  }

  static String at(String parent, String key) {
    return YamlPaths.child(parent, key);
  }
}
