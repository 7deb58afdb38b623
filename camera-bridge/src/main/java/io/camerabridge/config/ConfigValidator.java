package io.camerabridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks made after binding: whole-file rules (at least one camera, unique ids, devices and files)
 * and the top-level sections; each camera is checked by {@link CameraValidator}.
 */
final class ConfigValidator {
  private static final Pattern LOGGER_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):(\\d{1,5})");
  private static final Duration MAX_DRAIN = Duration.ofMinutes(5);

  private final Problems problems;

  ConfigValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(BridgeConfig config) {
    checkMetrics(config.metrics());
    new ConsoleValidator(problems).validate(config.console(), config.metrics());
    if (config.shutdown().drainTimeout().compareTo(MAX_DRAIN) > 0) {
      problems.check(
          "shutdown.drainTimeout",
          "drainTimeout "
              + Durations.format(config.shutdown().drainTimeout())
              + " is too long: at most 5m (systemd's TimeoutStopSec must exceed it)");
    }
    checkLogging(config.logging());
    OutputsValidator outputs = new OutputsValidator(problems);
    config.mqttBroker().ifPresent(outputs::validateMqtt);
    List<CameraConfig> cameras = config.cameras();
    if (cameras.isEmpty()) {
      problems.check(
          "cameras",
          "no camera is configured: add at least one entry under 'cameras:' (see"
              + " /etc/camera-bridge/camera-bridge.yaml for an example)");
    }
    CameraValidator cameraValidator = new CameraValidator(problems);
    for (int i = 0; i < cameras.size(); i++) {
      String path = YamlPaths.element("cameras", i);
      if (cameras.get(i) == null) {
        problems.check(
            path, "this camera entry is empty: give at least id, device, pixelFormat and pekat");
      } else {
        cameraValidator.validate(path, cameras.get(i));
        outputs.validate(path, cameras.get(i), config.mqttBroker());
      }
    }
    checkUnique(cameras, "id", CameraConfig::id, "camera ids must be unique");
    checkUnique(
        cameras,
        "device",
        c -> c.enabled() ? c.device() : null,
        "a camera can be opened only once; use one entry per camera, or set enabled: false");
    new OutputPaths(problems).validate(cameras);
    new PlcValidator(problems).validate(config.plcServers(), cameras);
  }

  private void checkMetrics(MetricsConfig metrics) {
    var m = HOST_PORT.matcher(metrics.listen());
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      problems.check(
          "metrics.listen",
          "'"
              + metrics.listen()
              + "' is not an address to listen on: write host:port, e.g. 127.0.0.1:9400,"
              + " 0.0.0.0:9400 (all interfaces) or [::1]:9400");
    }
  }

  private void checkLogging(LoggingConfig logging) {
    for (Map.Entry<String, LogLevel> e : logging.levels().entrySet()) {
      String path = YamlPaths.child("logging.levels", e.getKey());
      if (!LOGGER_NAME.matcher(e.getKey()).matches()) {
        problems.check(
            path,
            "'"
                + e.getKey()
                + "' is not a logger name: use a package or class name such as io.netty or"
                + " io.camerabridge.pekat");
      } else if (e.getValue() == null) {
        problems.check(path, "no level given: use trace, debug, info, warn, error or off");
      }
    }
  }

  private <T> void checkUnique(
      List<CameraConfig> cameras, String key, Function<CameraConfig, T> value, String why) {
    Map<T, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < cameras.size(); i++) {
      CameraConfig camera = cameras.get(i);
      T v = camera == null ? null : value.apply(camera);
      if (v == null) {
        continue;
      }
      Integer first = firstIndex.putIfAbsent(v, i);
      if (first != null) {
        String firstPath = YamlPaths.child(YamlPaths.element("cameras", first), key);
        problems.check(
            YamlPaths.child(YamlPaths.element("cameras", i), key),
            key
                + " '"
                + (v instanceof Path ? v.toString() : v)
                + "' is already used by cameras["
                + first
                + "] (line "
                + problems.markOf(firstPath).line()
                + "): "
                + why,
            firstPath);
      }
    }
  }
}
