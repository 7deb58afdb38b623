package io.camerabridge.pekat;

import java.util.Objects;

/**
 * One class PEKAT assigned to a detected rectangle ({@code classNames[]} in the context).
 *
 * @param label the class name, e.g. {@code scratch}
 * @param confidence 0..1, or NaN when PEKAT sent none
 */
public record ClassLabel(String label, double confidence) {
  public ClassLabel {
    Objects.requireNonNull(label, "label");
  }
}
