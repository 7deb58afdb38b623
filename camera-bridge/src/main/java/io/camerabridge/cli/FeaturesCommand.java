package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureInfo;
import io.camerabridge.bindings.aravis.FeatureListing;
import io.camerabridge.bindings.aravis.FeatureTree;
import io.camerabridge.genicam.FeatureFileWriter;
import io.camerabridge.support.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code camera-bridge features DEVICE [NAME...]}: every GenICam node of a camera, or just some.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Opens a camera and lists every GenICam node its description offers: the feature tree by",
      "category, then the nodes no category lists (features such as AcquisitionFrameRate on",
      "some cameras, and the registers and formulas behind features) under their own heading;",
      "type, access (RO read-only, WO write-only, RW read-write) and current value.",
      "With NAMEs, prints just those with type, access, range or entries, value, description",
      "and the features a selector selects. With --save FILE, writes the readable-writable",
      "values as a feature file for a camera's 'featureFile:' (selectors are stepped through",
      "their entries and set back; nothing else is written). The camera must not be in use by",
      "a running camera-bridge (GigE Vision allows one controller)."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge features Basler-acA1920-40gc-12345678",
      "  camera-bridge features 192.168.10.20 | grep -i exposure",
      "  camera-bridge features 192.168.10.20 LineSelector LineMode BalanceRatio",
      "  camera-bridge features 192.168.10.20 --save /etc/camera-bridge/line1.features",
      "  camera-bridge features --fake Fake_1"
    })
public final class FeaturesCommand implements Callable<Integer> {
  /** Heading of the nodes that no category lists. */
  static final String UNCATEGORIZED = "Not in any category";

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "DEVICE",
      description = "Device id, serial number or IP address (see 'camera-bridge devices').")
  private String device;

  @Parameters(
      index = "1..*",
      paramLabel = "NAME",
      description = "Print only these features, in detail.")
  private List<String> names = List.of();

  @Option(
      names = "--save",
      paramLabel = "FILE",
      description = "Write the current readable-writable values as a Name=Value feature file.")
  private Path save;

  @Option(names = "--fake", description = "Enable Aravis's in-process Fake camera (Fake_1).")
  private boolean fake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!AravisPrerequisite.ready(err, fake)) {
      return ExitCodes.FAILURE;
    }
    try (Camera camera = Camera.open(device)) {
      out.println(camera.id() + " (" + camera.vendor() + " " + camera.model() + ")");
      if (save != null) {
        return saveTo(camera, out, err);
      }
      if (!names.isEmpty()) {
        return describe(camera, out, err);
      }
      FeatureListing listing = FeatureTree.list(camera);
      listing.categorized().forEach(f -> out.println(line(f)));
      out.println(UNCATEGORIZED);
      listing.uncategorized().forEach(f -> out.println(line(f, 1)));
      out.flush();
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      err.println("Cannot read the features of '" + device + "': " + e.getMessage());
      err.println("List the cameras this host sees with: camera-bridge devices");
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  private int saveTo(Camera camera, PrintWriter out, PrintWriter err) {
    String text = FeatureFileWriter.write(camera);
    try {
      Files.writeString(save, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("Cannot write " + save + ": " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    long count = text.lines().filter(l -> !l.startsWith("#")).count();
    out.println("Wrote " + count + " values to " + save + " (use it as featureFile: " + save + ")");
    out.flush();
    return ExitCodes.OK;
  }

  private int describe(Camera camera, PrintWriter out, PrintWriter err) {
    int status = ExitCodes.OK;
    for (String name : names) {
      Optional<FeatureDescription> d = camera.features().describe(name);
      if (d.isEmpty()) {
        err.println(name + ": no such feature on this camera");
        status = ExitCodes.FAILURE;
        continue;
      }
      describe(d.get(), out);
    }
    out.flush();
    err.flush();
    return status;
  }

  static void describe(FeatureDescription d, PrintWriter out) {
    out.println(d.name());
    out.println("  type:   " + d.type().label());
    out.println("  access: " + d.access() + (d.available() ? "" : " (not available now)"));
    if (!d.allowed().isEmpty()) {
      out.println("  " + (d.entries().isEmpty() ? "range:  " : "entries: ") + d.allowed());
    }
    d.value().ifPresent(v -> out.println("  value:  " + v));
    if (d.isSelector()) {
      out.println("  selects: " + String.join(", ", d.selected()));
    }
    d.description().ifPresent(v -> out.println("  " + v));
  }

  static String line(FeatureInfo f) {
    return line(f, f.depth());
  }

  static String line(FeatureInfo f, int depth) {
    String indent = "  ".repeat(depth);
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
    String element = f.isFeatureElement() ? "" : " [" + f.element() + "]";
    return String.format(
            "%s%-12s %-2s %s%s %s", indent, f.type(), f.access(), f.name(), element, value)
        .stripTrailing();
  }
}
