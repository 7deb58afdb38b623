package io.camerabridge.tools.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The configuration file the demo writes: one camera, BayerRG8 1920x1200, into the built-in
 * simulator, with a journal and raw NG images in the demo's directory. It is an ordinary
 * configuration, loaded and validated like any other and run by the same code as {@code run}.
 */
final class DemoConfig {
  static final String CAMERA_ID = "demo";

  private DemoConfig() {}

  static String yaml(String device, URI pekat, Path dir, double frameRate, boolean gige) {
    Path journal = dir.resolve(CAMERA_ID + ".jsonl");
    Path ng = dir.resolve("ng");
    return String.format(
        Locale.ROOT,
        """
        # Written by 'camera-bridge demo'; run it yourself with:
        #   camera-bridge run --config %s
        metrics: { listen: "127.0.0.1:0" }
        shutdown: { drainTimeout: 2s }
        cameras:
          - id: %s
            device: "%s"
            pixelFormat: BayerRG8
            width: 1920
            height: 1200
            frameRate: %s
            exposure: 2ms
            buffers: 8
        %s
            pekat:
              url: "%s"
              responseType: context
              timeout: 5s
              maxInFlight: 1
            results:
              journal: "%s"
              saveNg: { dir: "%s", image: raw, maxDisk: 200MiB }
        """,
        dir.resolve("demo.yaml"),
        CAMERA_ID,
        device,
        frameRate,
        gige ? "    gige: { socketBuffer: auto, packetSocket: false }" : "",
        pekat,
        journal,
        ng);
  }
}
