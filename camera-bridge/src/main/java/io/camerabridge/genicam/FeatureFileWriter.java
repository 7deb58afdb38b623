package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.AravisException;
import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureInfo;
import io.camerabridge.bindings.aravis.FeatureListing;
import io.camerabridge.bindings.aravis.FeatureTree;
import io.camerabridge.bindings.aravis.FeatureType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a camera's current readable-writable feature values as a feature file that {@code
 * featureFile:} reads back: {@code Name=Value} lines in the order of the camera's description. A
 * selector with pSelected features becomes a block per entry (the selector line, then the values it
 * selects), so that {@code LineSelector=Line1 / LineMode=Output / LineSelector=Line2 ...} survives
 * the round trip; to read those, each selector is stepped through its entries and set back to its
 * value afterwards (the only writes). Registers, formulas and ports that no category lists are
 * implementation, not features, and are left out.
 */
public final class FeatureFileWriter {
  private final CameraFeatures features;
  private final List<String> lines = new ArrayList<>();

  private FeatureFileWriter(CameraFeatures features) {
    this.features = features;
  }

  /** The feature file's text for {@code camera}, headed by a comment naming it. */
  public static String write(Camera camera) {
    FeatureFileWriter w = new FeatureFileWriter(camera.features());
    w.lines.add(
        "# camera-bridge features --save: "
            + camera.id()
            + " ("
            + camera.vendor()
            + " "
            + camera.model()
            + ")");
    w.lines.add("# Name=Value per line, applied in order by a camera's featureFile: key.");
    w.writeAll(FeatureTree.list(camera));
    return String.join("\n", w.lines) + "\n";
  }

  private void writeAll(FeatureListing listing) {
    Map<String, FeatureDescription> writable = new LinkedHashMap<>();
    List<FeatureInfo> candidates = new ArrayList<>(listing.categorized());
    listing.uncategorized().stream().filter(FeatureInfo::isFeatureElement).forEach(candidates::add);
    for (FeatureInfo info : candidates) {
      if (info.isCategory() || writable.containsKey(info.name())) {
        continue;
      }
      features
          .describe(info.name())
          .filter(d -> d.type().hasValue() && "RW".equals(d.access()) && d.available())
          .ifPresent(d -> writable.put(d.name(), d));
    }
    Set<String> selected = new HashSet<>();
    for (FeatureDescription d : writable.values()) {
      if (d.type() == FeatureType.ENUMERATION) {
        selected.addAll(d.selected());
      }
    }
    for (FeatureDescription d : writable.values()) {
      if (selected.contains(d.name())) {
        continue;
      }
      if (d.type() == FeatureType.ENUMERATION && d.isSelector()) {
        selectorBlock(d, writable);
      } else {
        line(d);
      }
    }
  }

  private void selectorBlock(
      FeatureDescription selector, Map<String, FeatureDescription> writable) {
    String original = features.getString(selector.name());
    for (String entry : selector.entries()) {
      features.setString(selector.name(), entry);
      lines.add(selector.name() + "=" + entry);
      for (String name : selector.selected()) {
        // Described again: what a selector entry enables or bounds differs per entry.
        features
            .describe(name)
            .filter(d -> writable.containsKey(name) && d.isWritable() && d.isReadable())
            .ifPresent(this::line);
      }
    }
    features.setString(selector.name(), original);
    lines.add(selector.name() + "=" + original);
  }

  private void line(FeatureDescription d) {
    try {
      lines.add(d.name() + "=" + value(d));
    } catch (AravisException e) {
      lines.add("# " + d.name() + ": not readable (" + e.getMessage() + ")");
    }
  }

  /** Typed reads: text as the reader parses it back, floats without rounding. */
  private String value(FeatureDescription d) {
    return switch (d.type()) {
      case INTEGER -> Long.toString(features.getInteger(d.name()));
      case FLOAT -> Double.toString(features.getFloat(d.name()));
      case BOOLEAN -> Boolean.toString(features.getBoolean(d.name()));
      default -> features.getString(d.name());
    };
  }
}
