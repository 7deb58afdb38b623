package io.camerabridge.outputs;

import io.camerabridge.bindings.aravis.CameraFeatures;

/**
 * The {@code UserOutputSelector} entry a camera has selected, so that a line write selects only
 * when it must: every camera call is a GVCP round trip (and {@code UserOutputValue}, indexed by the
 * selector, already costs two), and the line outputs of one camera usually share one source.
 * Touched only on the camera's control thread; forgotten at every (re)open and after any failed
 * write, when the camera's state is not known.
 */
final class UserOutputSelection {
  private String selected;

  void select(CameraFeatures f, String source) {
    if (source.equals(selected)) {
      return;
    }
    selected = null;
    f.setString("UserOutputSelector", source);
    selected = source;
  }

  /** The selector was just set to {@code source} by other means (checked configuration). */
  void wrote(String source) {
    selected = source;
  }

  void forget() {
    selected = null;
  }
}
