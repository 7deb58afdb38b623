package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvGcNodeHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a camera's GenICam feature tree from its {@code Root} category, depth first, in the order
 * the camera's description lists the features, like {@code arv-tool-0.8 values}: every feature with
 * its type, access mode and current value. {@link #list} adds every node that no category reaches
 * (on Aravis's fake camera AcquisitionFrameRate and GainRaw are such nodes). Read-only: it never
 * writes the camera.
 */
public final class FeatureTree {
  private static final int MAX_DEPTH = 16;

  private final GenicamNodes nodes;
  private final List<FeatureInfo> out = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private FeatureTree(GenicamNodes nodes) {
    this.nodes = nodes;
  }

  /**
   * Every feature of the camera reachable from {@code Root}; values that cannot be read carry the
   * error instead.
   */
  public static List<FeatureInfo> walk(Camera camera) {
    return list(camera).categorized();
  }

  /** Every named node of the camera's description: the category tree, then the rest. */
  public static FeatureListing list(Camera camera) {
    CameraAccess access = camera.access();
    synchronized (access.lock()) {
      FeatureTree tree = new FeatureTree(GenicamNodes.of(access));
      tree.visit("Root", -1);
      List<FeatureInfo> categorized = List.copyOf(tree.out);
      tree.out.clear();
      for (String name : tree.nodes.allNames()) {
        if (!name.equals("Root") && tree.seen.add(name)) {
          tree.nodes.node(name).ifPresent(n -> tree.out.add(tree.describe(name, 0, n)));
        }
      }
      return new FeatureListing(categorized, List.copyOf(tree.out));
    }
  }

  private void visit(String name, int depth) {
    if (depth > MAX_DEPTH || !seen.add(name)) {
      return;
    }
    Optional<ArvGcNodeHandle> found = nodes.node(name);
    if (found.isEmpty()) {
      return;
    }
    ArvGcNodeHandle node = found.get();
    if (nodes.typeOf(node) == FeatureType.CATEGORY) {
      if (depth >= 0) {
        out.add(
            new FeatureInfo(
                name, depth, "Category", "Category", "", true, Optional.empty(), Optional.empty()));
      }
      for (String child : nodes.categoryFeatures(node)) {
        visit(child, depth + 1);
      }
      return;
    }
    out.add(describe(name, depth, node));
  }

  private FeatureInfo describe(String name, int depth, ArvGcNodeHandle node) {
    FeatureType type = nodes.typeOf(node);
    String element = nodes.elementOf(node);
    String access = type == FeatureType.CATEGORY ? "" : nodes.accessOf(node);
    boolean available = nodes.isAvailable(node);
    if (!available
        || type == FeatureType.COMMAND
        || type == FeatureType.CATEGORY
        || "WO".equals(access)) {
      return new FeatureInfo(
          name,
          depth,
          type.label(),
          element,
          access,
          available,
          Optional.empty(),
          Optional.empty());
    }
    GenicamNodes.ValueText value = nodes.valueOf(node);
    return new FeatureInfo(
        name, depth, type.label(), element, access, true, value.value(), value.error());
  }
}
