package io.camerabridge.ops;

import java.util.List;
import java.util.Optional;

/**
 * Where the status server and the watchdog read the cameras' health. Called from their own threads
 * (the status server's HTTP thread, the watchdog's timer): must be thread-safe, fast, and must not
 * block on a camera or the network.
 */
@FunctionalInterface
public interface HealthSource {

  /** Every configured camera, enabled or not, in configuration order. */
  List<CameraHealth> cameras();

  /** The PLC servers and handshakes, when {@code plc:} is configured. */
  default Optional<PlcHealth> plc() {
    return Optional.empty();
  }
}
