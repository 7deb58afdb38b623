package io.camerabridge.pipeline;

import io.camerabridge.frame.FrameInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-frame {@code data} parameter PEKAT copies into its context: {@code {camera}}, {@code
 * {frameId}}, {@code {sequence}} (the pipeline's frame number, see {@link FrameInfo#sequence()}),
 * {@code {timestamp}} (the frame's arrival time, ISO-8601 UTC) and {@code {partId}} (the part id a
 * PLC wrote for the frame, empty without one) are replaced.
 *
 * <p>The template is split into its parts once, so a frame costs one builder and one string rather
 * than a pass per placeholder over the whole text.
 */
final class DataTemplate {
  private enum Kind {
    TEXT(null),
    CAMERA("{camera}"),
    FRAME_ID("{frameId}"),
    SEQUENCE("{sequence}"),
    TIMESTAMP("{timestamp}"),
    PART_ID("{partId}");

    private final String placeholder;

    Kind(String placeholder) {
      this.placeholder = placeholder;
    }
  }

  private record Part(Kind kind, String text) {}

  private final String template;
  private final List<Part> parts;

  DataTemplate(String template) {
    this.template = template == null || template.isEmpty() ? null : template;
    this.parts = this.template == null ? List.of() : split(this.template);
  }

  /** The value for this frame, or null when no data is configured. */
  String format(FrameInfo frame) {
    if (template == null) {
      return null;
    }
    if (parts.size() == 1 && parts.get(0).kind() == Kind.TEXT) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 48);
    for (Part part : parts) {
      switch (part.kind()) {
        case TEXT -> out.append(part.text());
        case CAMERA -> out.append(frame.cameraId());
        case FRAME_ID -> out.append(frame.frameId());
        case SEQUENCE -> out.append(frame.sequence());
        case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.formatTo(arrival(frame), out);
        case PART_ID -> out.append(frame.partId() == null ? "" : frame.partId());
      }
    }
    return out.toString();
  }

  private static Instant arrival(FrameInfo frame) {
    long nanos = frame.systemTimestampNanos();
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  private static List<Part> split(String template) {
    List<Part> parts = new ArrayList<>();
    int from = 0;
    while (from < template.length()) {
      Kind next = null;
      int at = -1;
      for (Kind kind : Kind.values()) {
        int found = kind.placeholder == null ? -1 : template.indexOf(kind.placeholder, from);
        if (found >= 0 && (at < 0 || found < at)) {
          at = found;
          next = kind;
        }
      }
      if (next == null) {
        parts.add(new Part(Kind.TEXT, template.substring(from)));
        break;
      }
      if (at > from) {
        parts.add(new Part(Kind.TEXT, template.substring(from, at)));
      }
      parts.add(new Part(next, null));
      from = at + next.placeholder.length();
    }
    return List.copyOf(parts);
  }
}
