package io.camerabridge.pekat;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What PEKAT said about one image: the verdict, the detections and the context JSON exactly as
 * received (kept for the journal, including keys this class does not model).
 *
 * @param verdict OK, NG, or NONE when the context carries no {@code result} (processing off, or a
 *     flow error)
 * @param processing {@code false} for PEKAT's bare context: "Process" is off in the Camera tab and
 *     the image was not analysed
 * @param error {@code true} when the flow failed ({@code errors} and {@code stderr} in the JSON)
 * @param rectangles detected rectangles, possibly empty
 * @param contextJson the context as received (UTF-8 JSON text)
 * @param png the PNG PEKAT returned for image response types; the array is not copied, do not
 *     modify it
 */
public record AnalysisResult(
    Verdict verdict,
    boolean processing,
    boolean error,
    List<DetectedRectangle> rectangles,
    String contextJson,
    Optional<byte[]> png) {

  /** PEKAT's {@code result}: true is OK (good part), false is NG (defective). */
  public enum Verdict {
    OK,
    NG,
    /** No {@code result} in the context: treat the part as not inspected. */
    NONE
  }

  public AnalysisResult {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(contextJson, "contextJson");
    Objects.requireNonNull(png, "png");
    rectangles = List.copyOf(rectangles);
  }

  /** Whether PEKAT judged the part OK. */
  public boolean isOk() {
    return verdict == Verdict.OK;
  }

  /** Short form: the JSON and PNG are summarised by size. */
  @Override
  public String toString() {
    return "AnalysisResult[verdict="
        + verdict
        + ", processing="
        + processing
        + ", error="
        + error
        + ", rectangles="
        + rectangles.size()
        + ", contextJson="
        + contextJson.length()
        + " chars, png="
        + png.map(p -> p.length + " bytes").orElse("none")
        + "]";
  }
}
