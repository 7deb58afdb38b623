package io.camerabridge.container;

import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
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
    return ConfigYaml.create()
        .metricsListen("127.0.0.1:" + metricsPort)
        .drainTimeout("2s")
        .camera(
            CameraYaml.of(CAMERA_ID, camera.getHostAddress())
                .pixelFormat("BayerRG8")
                .size(640, 480)
                .frameRate(10)
                .buffers(4)
                .gige("socketBuffer", "auto")
                .pekat(pekat)
                .pekat("responseType", "context")
                .pekat("timeout", "5s")
                .pekat("maxInFlight", 1))
        .write(dir.resolve("camera-bridge.yaml"));
  }
}
