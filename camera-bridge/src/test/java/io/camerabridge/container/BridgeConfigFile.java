package io.camerabridge.container;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A camera-bridge config for the container test, copied into the container where the entrypoint
 * reads it ({@code /etc/camera-bridge/camera-bridge.yaml}).
 *
 * <p>One fake GigE camera, addressed by IP because discovery broadcasts do not reach loopback
 * aliases, streaming to the PEKAT simulator; metrics on a port chosen by the test.
 */
final class BridgeConfigFile {

  /** Where the image's entrypoint reads its config. */
  static final String CONTAINER_PATH = "/etc/camera-bridge/camera-bridge.yaml";

  static final String CAMERA_ID = "container-cam";

  private BridgeConfigFile() {}

  /** Writes the config into {@code dir}; {@code metricsPort} 0 lets the bridge pick one. */
  static Path write(Path dir, InetAddress camera, URI pekat, int metricsPort) throws IOException {
    String yaml =
        """
        metrics:
          listen: "127.0.0.1:%d"
        shutdown:
          drainTimeout: 2s
        cameras:
          - id: %s
            device: "%s"
            pixelFormat: BayerRG8
            width: 640
            height: 480
            frameRate: 10
            buffers: 4
            gige:
              socketBuffer: auto
            pekat:
              url: "%s"
              responseType: context
              timeout: 5s
              maxInFlight: 1
        """
            .formatted(metricsPort, CAMERA_ID, camera.getHostAddress(), pekat);
    Path file = dir.resolve("camera-bridge.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
