package io.camerabridge.ops;

import java.util.List;
import java.util.StringJoiner;

/**
 * The one-line per-camera summary sent as systemd's {@code STATUS=}, e.g. {@code "top: streaming,
 * last frame 0.2s ago, analyzer up; side: reconnecting, last frame 2m ago, analyzer down"}.
 */
public final class StatusLine {

  private StatusLine() {}

  /** The summary of {@code cameras}; disabled cameras are listed as such. */
  public static String of(List<CameraHealth> cameras) {
    if (cameras.isEmpty()) {
      return "no cameras configured";
    }
    StringJoiner line = new StringJoiner("; ");
    for (CameraHealth camera : cameras) {
      if (!camera.enabled()) {
        line.add(camera.cameraId() + ": disabled");
        continue;
      }
      StringBuilder part = new StringBuilder(camera.cameraId()).append(": ");
      part.append(camera.state().label());
      if (camera.state() == CameraState.MISCONFIGURED) {
        // STATUS= is one line for a human: the state says what to do; /health has the message.
        part.append(" (see /health or the log)");
      }
      if (camera.triggered() && camera.state() == CameraState.STREAMING) {
        part.append(" (triggered)");
      }
      part.append(", last frame ").append(age(camera.lastFrameAgeSeconds()));
      part.append(", analyzer ").append(camera.analyzerReachable() ? "up" : "down");
      if (camera.analyzers().size() > 1) {
        long ready = camera.analyzers().values().stream().filter("ready"::equals).count();
        part.append(" (").append(ready).append('/').append(camera.analyzers().size());
        part.append(" ready)");
      }
      if (camera.analysisStalled()) {
        part.append(", NOT ANALYSING: no verdict for ");
        part.append(Math.round(camera.unanalysedSeconds())).append("s while frames arrive");
      }
      for (OutputHealth o : camera.failingOutputs()) {
        part.append(", ").append(o.label()).append(" FAILING: ").append(o.problem());
      }
      line.add(part);
    }
    return line.toString();
  }

  static String age(double seconds) {
    if (Double.isNaN(seconds)) {
      return "never";
    }
    if (seconds < 10) {
      return String.format(java.util.Locale.ROOT, "%.1fs ago", seconds);
    }
    if (seconds < 120) {
      return Math.round(seconds) + "s ago";
    }
    if (seconds < 7200) {
      return Math.round(seconds / 60) + "m ago";
    }
    return Math.round(seconds / 3600) + "h ago";
  }
}
