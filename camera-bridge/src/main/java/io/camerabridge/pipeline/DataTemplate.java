package io.camerabridge.pipeline;

import java.time.Instant;

/**
 * The per-frame {@code data} parameter PEKAT copies into its context: {@code {camera}}, {@code
 * {frameId}} and {@code {timestamp}} (the frame's arrival time, ISO-8601 UTC) are replaced.
 */
final class DataTemplate {
  private final String template;
  private final boolean hasPlaceholders;

  DataTemplate(String template) {
    this.template = template;
    this.hasPlaceholders = template != null && template.indexOf('{') >= 0;
  }

  /** The value for this frame, or null when no data is configured. */
  String format(String cameraId, FrameView frame) {
    if (template == null || template.isEmpty()) {
      return null;
    }
    if (!hasPlaceholders) {
      return template;
    }
    long nanos = frame.systemTimestampNanos();
    Instant at = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    return template
        .replace("{camera}", cameraId)
        .replace("{frameId}", Long.toString(frame.frameId()))
        .replace("{timestamp}", at.toString());
  }
}
