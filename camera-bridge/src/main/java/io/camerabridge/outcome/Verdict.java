package io.camerabridge.outcome;

import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline learned about one part: the analyzer's verdict, or why there is none.
 *
 * @param outcome OK, NG or ERROR (TIMEOUT is decided by the sequencer, never reported)
 * @param defects rectangles PEKAT detected (0 without an answer)
 * @param classes how many detected rectangles carry each class label (the context summary)
 * @param contextJson PEKAT's context as received, or null
 * @param error why there is no verdict (for ERROR), or null
 * @param analyzer the PEKAT instance ({@code host:port}) that answered, or null
 */
public record Verdict(
    Outcome outcome,
    int defects,
    Map<String, Integer> classes,
    String contextJson,
    String error,
    String analyzer) {
  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    classes = classes == null ? Map.of() : classes;
    if (outcome == Outcome.TIMEOUT) {
      throw new IllegalArgumentException("a timeout is decided by the deadline, not reported");
    }
  }

  /** A verdict not tied to an instance (the instance is added with {@link #from}). */
  public Verdict(
      Outcome outcome,
      int defects,
      Map<String, Integer> classes,
      String contextJson,
      String error) {
    this(outcome, defects, classes, contextJson, error, null);
  }

  /** The same verdict, naming the instance that gave it. */
  public Verdict from(String instance) {
    return new Verdict(outcome, defects, classes, contextJson, error, instance);
  }

  /** A frame that never got a verdict. */
  public static Verdict error(String why) {
    return new Verdict(Outcome.ERROR, 0, Map.of(), null, why);
  }
}
