package io.camerabridge.pekat.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import io.camerabridge.pekat.ClassLabel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PEKAT contexts are parsed leniently: code modules may add or reshape keys. */
class ContextParserTest {

  @Test
  void toleratesMissingAndOddlyShapedFields() {
    AnalysisResult r =
        ContextParser.parse(
            "{\"result\":false,\"detectedRectangles\":[7,{\"x\":1.5,\"classNames\":[\"dent\","
                + "{\"label\":\"scratch\"}]},{}],\"custom\":{\"a\":1}}",
            Optional.empty());

    assertThat(r.verdict()).isEqualTo(Verdict.NG);
    assertThat(r.processing()).isTrue();
    assertThat(r.error()).isFalse();
    assertThat(r.rectangles()).hasSize(2);
    assertThat(r.rectangles().get(0).x()).isEqualTo(1.5);
    assertThat(r.rectangles().get(0).confidence()).isNaN();
    assertThat(r.rectangles().get(0).classNames())
        .extracting(ClassLabel::label)
        .containsExactly("dent", "scratch");
    assertThat(r.contextJson()).contains("\"custom\"");
  }

  @Test
  void aResultThatIsNotABooleanIsNoVerdict() {
    assertThat(ContextParser.parse("{\"result\":\"yes\"}", Optional.empty()).verdict())
        .isEqualTo(Verdict.NONE);
  }

  @Test
  void rejectsWhatIsNotAJsonObject() {
    assertThatThrownBy(() -> ContextParser.parse("[1,2]", Optional.empty()))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> ContextParser.parse("", Optional.empty()))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> ContextParser.parse("{\"a\":", Optional.empty()))
        .hasMessageContaining("not valid JSON");
  }
}
