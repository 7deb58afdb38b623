package io.camerabridge.bindings.aravis;

import java.util.Optional;

/**
 * One node of a camera's GenICam feature tree, as {@link FeatureTree#walk} found it.
 *
 * @param name the feature name, e.g. {@code ExposureTime}
 * @param depth nesting level below the root category (0 for the root's children)
 * @param type {@code Category}, {@code Integer}, {@code Float}, {@code String}, {@code
 *     Enumeration}, {@code Boolean}, {@code Command}, {@code Register} or the GObject type name
 * @param element the GenICam XML element that declares it: {@code Integer}, {@code Float}, {@code
 *     Enumeration}, {@code IntReg}, {@code Converter}, {@code Category}...
 * @param access {@code RO}, {@code WO}, {@code RW}, or empty for categories and when undefined
 * @param available whether the feature is implemented and currently available
 * @param value the current value as text; empty for categories, commands, unavailable or write-only
 *     features, or when reading failed
 * @param error why reading the value failed, if it did
 */
public record FeatureInfo(
    String name,
    int depth,
    String type,
    String element,
    String access,
    boolean available,
    Optional<String> value,
    Optional<String> error) {

  /** The elements a feature (rather than its registers or formulas) is declared with. */
  private static final java.util.Set<String> FEATURE_ELEMENTS =
      java.util.Set.of("Integer", "Float", "Enumeration", "Boolean", "String", "Command");

  /**
   * Whether the node is declared as a feature element; registers, converters, swiss knives and
   * ports are the implementation behind features.
   */
  public boolean isFeatureElement() {
    return FEATURE_ELEMENTS.contains(element);
  }

  /** Whether this node groups other features. */
  public boolean isCategory() {
    return "Category".equals(type);
  }
}
