package io.camerabridge.tools.demo;

import io.camerabridge.config.yaml.CameraYaml;
import io.camerabridge.config.yaml.ConfigYaml;
import java.net.URI;
import java.nio.file.Path;

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
    CameraYaml camera =
        CameraYaml.of(CAMERA_ID, device)
            .pixelFormat("BayerRG8")
            .size(1920, 1200)
            .frameRate(frameRate)
            .exposure("2ms")
            .buffers(8);
    if (gige) {
      camera.gige("socketBuffer", "auto").gige("packetSocket", false);
    }
    camera
        .pekat(pekat)
        .pekat("responseType", "context")
        .pekat("timeout", "5s")
        .pekat("maxInFlight", 1)
        .journal(journal)
        .set("results.saveNg.dir", ng)
        .set("results.saveNg.image", "raw")
        .set("results.saveNg.maxDisk", "200MiB");
    return ConfigYaml.create()
        .comment(
            "Written by 'camera-bridge demo'; run it yourself with:\n"
                + "  camera-bridge run --config "
                + dir.resolve("demo.yaml"))
        .metricsListen("127.0.0.1:0")
        .drainTimeout("2s")
        .camera(camera)
        .toYaml();
  }
}
