package io.camerabridge.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration file, as loaded and validated by {@link ConfigLoader}. Every component is
 * non-null after construction; missing sections take their documented defaults.
 *
 * @param metrics the Prometheus endpoint
 * @param shutdown how long a stop may take
 * @param logging log format and levels
 * @param console the web console on the status server's address
 * @param cameras the cameras, in file order
 * @param mqtt the MQTT broker of the mqtt outputs; null when none is configured
 * @param plc the PLC servers; null when none is configured
 */
public record BridgeConfig(
    MetricsConfig metrics,
    ShutdownConfig shutdown,
    LoggingConfig logging,
    ConsoleConfig console,
    List<CameraConfig> cameras,
    MqttConfig mqtt,
    PlcConfig plc) {

  /** Fills in defaults and freezes the camera list. */
  public BridgeConfig {
    metrics = metrics == null ? new MetricsConfig(null, null) : metrics;
    shutdown = shutdown == null ? new ShutdownConfig(null) : shutdown;
    logging = logging == null ? new LoggingConfig(null, null, null) : logging;
    console = console == null ? new ConsoleConfig(null, null, null) : console;
    // Not List.copyOf: an empty "- " entry binds as null and must reach the validator.
    cameras = cameras == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(cameras));
  }

  /** The MQTT broker, if configured. */
  public Optional<MqttConfig> mqttBroker() {
    return Optional.ofNullable(mqtt);
  }

  /** The PLC servers and their shared rules, if configured. */
  public Optional<PlcConfig> plcServers() {
    return Optional.ofNullable(plc);
  }

  /** The cameras with {@code enabled: true}. */
  public List<CameraConfig> enabledCameras() {
    return cameras.stream().filter(CameraConfig::enabled).toList();
  }

  /** The camera with this id, if configured. */
  public Optional<CameraConfig> camera(String id) {
    return cameras.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
