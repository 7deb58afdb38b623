package io.camerabridge.pekat.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reused parser must give, document after document, exactly what a fresh blocking parser gives,
 * including after documents that broke it.
 */
class ReusableContextParserTest {
  private static final String OK = "{\"result\":true,\"processing\":true,\"x\":[1,{\"y\":2}]}";
  private static final String NG =
      "{\"result\":false,\"detectedRectangles\":[{\"x\":1.5,\"classNames\":[\"dent\"]}]}";

  private final ReusableContextParser parser = new ReusableContextParser();

  @Test
  void parsesSuccessiveDocumentsLikeTheBlockingParser() {
    List<String> docs =
        List.of(
            OK,
            NG,
            "  " + OK + "\n",
            "{}",
            "{\"processing\":\"false\"}",
            "{\"result\":true,\"result\":false}",
            OK);
    for (int round = 0; round < 3; round++) {
      for (String doc : docs) {
        assertThat(parse(doc)).isEqualTo(ContextParser.parse(doc, Optional.empty()));
      }
    }
  }

  @Test
  void aDocumentThatBreaksTheParserDoesNotAffectTheNextOne() {
    List<String> broken = List.of("{\"a\":", "[1,2]", "", "   ", "42", "\"text", "{\"a\":tru");
    for (String doc : broken) {
      assertThat(parse(OK).verdict()).isEqualTo(Verdict.OK);
      assertThatThrownBy(() -> parse(doc))
          .isInstanceOf(ContextParser.MalformedContextException.class)
          .hasMessage(blockingMessage(doc));
      assertThat(parse(NG).verdict()).isEqualTo(Verdict.NG);
    }
  }

  @Test
  void trailingTextIsIgnoredAndDoesNotLeakIntoTheNextDocument() {
    for (String tail : List.of("{", "[", "tr", "\"x", "12", "}", "garbage")) {
      AnalysisResult first = parse(OK + tail);
      assertThat(first).isEqualTo(ContextParser.parse(OK + tail, Optional.empty()));
      assertThat(parse(NG)).isEqualTo(ContextParser.parse(NG, Optional.empty()));
    }
  }

  @Test
  void readsAtAnOffsetAndOutlivesManyParsers() {
    byte[] framed = ("PNG-BYTES" + NG + "MORE").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 10_000; i++) {
      AnalysisResult r = parser.parse(framed, 9, NG.length(), Optional.empty());
      assertThat(r.contextJson()).isEqualTo(NG);
      assertThat(r.rectangles()).hasSize(1);
    }
  }

  private AnalysisResult parse(String doc) {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    return parser.parse(bytes, 0, bytes.length, Optional.empty());
  }

  private static String blockingMessage(String doc) {
    try {
      ContextParser.parse(doc, Optional.empty());
    } catch (ContextParser.MalformedContextException e) {
      return e.getMessage();
    }
    throw new AssertionError("the blocking parser accepted " + doc);
  }
}
