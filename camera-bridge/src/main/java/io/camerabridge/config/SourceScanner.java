package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * First pass over the YAML events, before any binding: indexes where every key and value starts,
 * and finds what binding cannot report well or at all: duplicate keys (all of them, with both
 * places), aliases, excessive nesting, a top level that is not a mapping, extra documents.
 */
final class SourceScanner {
  /** Deepest nesting a real config needs is 5 (cameras → camera → results → saveNg → dir). */
  static final int MAX_DEPTH = 20;

  private final Problems problems;
  private final SourceIndex index;

  SourceScanner(Problems problems, SourceIndex index) {
    this.problems = problems;
    this.index = index;
  }

  /**
   * Scans the whole document.
   *
   * @return false when the document cannot be bound at all (nothing in it, wrong shape, too deep)
   * @throws IOException for YAML syntax errors, which the caller reports
   */
  boolean scan(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      problems.file(
          "the file has no settings (it is empty or only comments): it needs at least a"
              + " 'cameras:' list; see /etc/camera-bridge/camera-bridge.yaml for an example");
      return false;
    }
    if (first != JsonToken.START_OBJECT) {
      JsonLocation at = p.currentTokenLocation();
      problems.at(
          at.getLineNr(),
          at.getColumnNr(),
          "",
          "the top level must be a mapping of settings (metrics:, shutdown:, logging:, cameras:),"
              + " but it is "
              + (first == JsonToken.START_ARRAY ? "a list" : "a single value")
              + "; see /etc/camera-bridge/camera-bridge.yaml for an example");
      return false;
    }
    Deque<Map<String, SourceIndex.Mark>> keysSeen = new ArrayDeque<>();
    int depth = 0;
    boolean started = false;
    for (JsonToken t = first; t != null; t = p.nextToken()) {
      if (depth == 0 && started) {
        problems.at(
            p.currentTokenLocation().getLineNr(),
            p.currentTokenLocation().getColumnNr(),
            "",
            "a second YAML document ('---') follows: put everything in one document");
        return false;
      }
      started = true;
      SourceIndex.Mark mark = markOf(p);
      String path = YamlPaths.of(p.getParsingContext());
      if (isAlias(p, path, mark)) {
        return false;
      }
      switch (t) {
        case FIELD_NAME -> recordKey(keysSeen.peek(), p.currentName(), path, mark);
        case START_OBJECT, START_ARRAY -> {
          if (++depth > MAX_DEPTH) {
            problems.at(
                mark.line(),
                mark.column(),
                path,
                "nesting is deeper than "
                    + MAX_DEPTH
                    + " levels; a camera-bridge config needs at most 5, so this is not a"
                    + " camera-bridge config (or it is a YAML bomb)");
            return false;
          }
          index.putValue(path, mark);
          if (t == JsonToken.START_OBJECT) {
            keysSeen.push(new HashMap<>());
          }
        }
        case END_OBJECT -> {
          depth--;
          keysSeen.pop();
        }
        case END_ARRAY -> depth--;
        default -> index.putValue(path, mark);
      }
    }
    return true;
  }

  private void recordKey(
      Map<String, SourceIndex.Mark> seen, String key, String path, SourceIndex.Mark mark) {
    SourceIndex.Mark first = seen.putIfAbsent(key, mark);
    if (first == null) {
      index.putKey(path, mark);
      return;
    }
    problems.at(
        mark.line(),
        mark.column(),
        path,
        "duplicate key '"
            + key
            + "': it is already set on line "
            + first.line()
            + "; YAML keeps only one of them, so remove one");
  }

  /**
   * Aliases are refused outright: Jackson would bind one as the text of its name, silently, and
   * refusing them also defuses alias bombs ("billion laughs"). Only the first is reported.
   */
  private boolean isAlias(JsonParser p, String path, SourceIndex.Mark mark) throws IOException {
    if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      problems.at(
          mark.line(),
          mark.column(),
          path,
          "YAML aliases (*"
              + p.getText()
              + ") are not supported: write the value out in full where it is needed");
      return true;
    }
    return false;
  }

  private static SourceIndex.Mark markOf(JsonParser p) {
    JsonLocation at = p.currentTokenLocation();
    return new SourceIndex.Mark(at.getLineNr(), at.getColumnNr());
  }
}
