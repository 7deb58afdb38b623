package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.FeatureInfo;
import io.camerabridge.bindings.aravis.FeatureTree;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code camera-bridge features DEVICE}: every GenICam feature of a camera, with its value. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Opens a camera and lists every GenICam feature it offers, grouped by category: type,",
      "access (RO read-only, WO write-only, RW read-write) and current value, like",
      "'arv-tool-0.8 values'. Use it to find the names for a camera's 'features:' section.",
      "Nothing is written to the camera. The camera must not be in use by a running",
      "camera-bridge (GigE Vision allows one controller)."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge features Basler-acA1920-40gc-12345678",
      "  camera-bridge features 192.168.10.20 | grep -i exposure",
      "  camera-bridge features --fake Fake_1"
    })
public final class FeaturesCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DEVICE",
      description = "Device id, serial number or IP address (see 'camera-bridge devices').")
  private String device;

  @Option(names = "--fake", description = "Enable Aravis's in-process Fake camera (Fake_1).")
  private boolean fake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!AravisPrerequisite.ready(err, fake)) {
      return ExitCodes.FAILURE;
    }
    List<FeatureInfo> features;
    try (Camera camera = Camera.open(device)) {
      out.println(camera.id() + " (" + camera.vendor() + " " + camera.model() + ")");
      features = FeatureTree.walk(camera);
    } catch (RuntimeException e) {
      err.println("Cannot read the features of '" + device + "': " + e.getMessage());
      err.println("List the cameras this host sees with: camera-bridge devices");
      err.flush();
      return ExitCodes.FAILURE;
    }
    for (FeatureInfo f : features) {
      out.println(line(f));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String line(FeatureInfo f) {
    String indent = "  ".repeat(f.depth());
    if (f.isCategory()) {
      return indent + f.name();
    }
    String value;
    if (!f.available()) {
      value = "(not available)";
    } else if (f.error().isPresent()) {
      value = "(error: " + f.error().get() + ")";
    } else {
      value = f.value().map(v -> "= " + v).orElse("");
    }
    return String.format("%s%-12s %-2s %s %s", indent, f.type(), f.access(), f.name(), value)
        .stripTrailing();
  }
}
