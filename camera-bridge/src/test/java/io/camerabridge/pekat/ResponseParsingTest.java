package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.HttpPeer.After;
import io.camerabridge.testing.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every response type with both context placements and the JSON-only fallback, answered by a raw
 * socket server that writes PEKAT's responses byte for byte.
 */
class ResponseParsingTest extends ClientTestBase {
  static final String NG_CONTEXT =
      "{\"error\":false,\"imageShape\":{\"height\":48,\"width\":64},\"processingTime\":0.02,"
          + "\"save\":false,\"processing\":true,\"result\":false,\"production_mode\":true,"
          + "\"myModuleKey\":{\"nested\":[1,2]},"
          + "\"detectedRectangles\":[{\"id\":0,\"x\":10,\"y\":12.5,\"width\":20,\"height\":8,"
          + "\"rotate\":0,\"confidence\":0.91,\"classNames\":[{\"id\":1,\"label\":\"scratch\","
          + "\"confidence\":0.91,\"color\":\"#ff0000\"},{\"id\":2,\"label\":\"dent\","
          + "\"confidence\":0.4,\"color\":\"#00ff00\"}],"
          + "\"source\":{\"modelId\":\"m\",\"moduleId\":\"d\",\"type\":\"detection\"}}]}";

  HttpPeer server;
  PekatClient client;

  static Stream<Arguments> typesAndPlacements() {
    return Stream.of(ResponseType.values())
        .flatMap(t -> Stream.of(ContextPlacement.values()).map(p -> Arguments.of(t, p)));
  }

  @ParameterizedTest(name = "{0} with context in {1}")
  @MethodSource("typesAndPlacements")
  void parsesEveryResponseTypeAndPlacement(ResponseType type, ContextPlacement placement)
      throws Exception {
    byte[] png = PngFixtures.png(64, 48);
    server = server(pekatLike(png, NG_CONTEXT));

    AnalysisOutcome outcome = analyze(type, placement);

    ReceivedRequest request = server.nextRequest();
    assertThat(request.query()).containsEntry("response_type", type.wireName());
    assertThat(request.query().containsKey("context_in_body"))
        .isEqualTo(type.returnsImage() && placement == ContextPlacement.BODY);
    assertThat(outcome.name()).isEqualTo("ng");
    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertNgContext(result);
    if (type.returnsImage()) {
      assertThat(result.png()).hasValueSatisfying(p -> assertThat(p).isEqualTo(png));
    } else {
      assertThat(result.png()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} with context in {1}")
  @MethodSource("typesAndPlacements")
  void acceptsAJsonOnlyBodyWhenThereIsNoImage(ResponseType type, ContextPlacement placement)
      throws Exception {
    String bare =
        "{\"error\":false,\"imageShape\":{\"height\":48,\"width\":64},"
            + "\"processingTime\":0.0,\"save\":false,\"processing\":false}";
    server = server(HttpAnswers.json(bare));

    AnalysisOutcome outcome = analyze(type, placement);

    assertThat(outcome.name()).isEqualTo("no_verdict");
    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.processing()).isFalse();
    assertThat(result.verdict()).isEqualTo(AnalysisResult.Verdict.NONE);
    assertThat(result.png()).isEmpty();
    assertThat(result.contextJson()).isEqualTo(bare);
  }

  @Test
  void matchesHeaderNamesCaseInsensitively() throws Exception {
    byte[] png = PngFixtures.png(16, 16);
    String encoded =
        Base64.getEncoder().encodeToString(NG_CONTEXT.getBytes(StandardCharsets.UTF_8));
    server =
        server(
            (request, out) -> {
              out.write(
                  HttpAnswers.response(
                      200,
                      "OK",
                      Map.of("contextbase64UTF", encoded, "CONTENT-TYPE", "image/png"),
                      png));
              return After.KEEP_OPEN;
            });

    AnalysisOutcome outcome = analyze(ResponseType.ANNOTATED_IMAGE, ContextPlacement.HEADER);

    assertNgContext(((AnalysisOutcome.Analyzed) outcome).result());
  }

  @Test
  void carriesATenKilobyteContextInTheBody() throws Exception {
    String big =
        "{\"result\":true,\"processing\":true,\"error\":false,\"stdout\":\""
            + "y".repeat(10_240)
            + "\"}";
    byte[] png = PngFixtures.png(64, 48);
    server = server(pekatLike(png, big));

    AnalysisOutcome outcome = analyze(ResponseType.HEATMAP, ContextPlacement.BODY);

    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.isOk()).isTrue();
    assertThat(result.contextJson()).isEqualTo(big).hasSizeGreaterThan(10_240);
    assertThat(result.png()).hasValueSatisfying(p -> assertThat(p).isEqualTo(png));
  }

  @Test
  void flowErrorIsAnalyzedWithTheErrorFlag() throws Exception {
    String failed =
        "{\"error\":true,\"errors\":[\"module crashed\"],\"stderr\":\"trace\",\"processing\":true}";
    server = server(HttpAnswers.json(failed));

    AnalysisOutcome outcome = analyze(ResponseType.CONTEXT, ContextPlacement.BODY);

    AnalysisResult result = ((AnalysisOutcome.Analyzed) outcome).result();
    assertThat(result.error()).isTrue();
    assertThat(result.verdict()).isEqualTo(AnalysisResult.Verdict.NONE);
    assertThat(outcome.isOk()).isFalse();
  }

  @Test
  void imageLenLongerThanTheBodyIsMalformed() throws Exception {
    server =
        server(
            (request, out) -> {
              out.write(
                  HttpAnswers.response(200, "OK", Map.of("ImageLen", "999999"), new byte[100]));
              return After.KEEP_OPEN;
            });

    AnalysisOutcome outcome = analyze(ResponseType.IMAGE, ContextPlacement.BODY);

    assertThat(outcome).isInstanceOf(AnalysisOutcome.MalformedResponse.class);
    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("ImageLen");
  }

  @Test
  void imagePartThatIsNotAPngIsMalformed() throws Exception {
    String encoded =
        Base64.getEncoder().encodeToString(NG_CONTEXT.getBytes(StandardCharsets.UTF_8));
    server =
        server(
            (request, out) -> {
              out.write(
                  HttpAnswers.response(
                      200,
                      "OK",
                      Map.of("ContextBase64utf", encoded),
                      "GIF89a....".getBytes(StandardCharsets.US_ASCII)));
              return After.KEEP_OPEN;
            });

    AnalysisOutcome outcome = analyze(ResponseType.IMAGE, ContextPlacement.HEADER);

    assertThat(((AnalysisOutcome.MalformedResponse) outcome).reason()).contains("PNG");
  }

  private AnalysisOutcome analyze(ResponseType type, ContextPlacement placement) throws Exception {
    client =
        client(
            PekatEndpoint.builder(server.uri())
                .responseType(type)
                .contextPlacement(placement)
                .build());
    TestFrame frame = TestFrame.small(leases);
    return client.analyze(frame.frame, null).toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static void assertNgContext(AnalysisResult result) {
    assertThat(result.isOk()).isFalse();
    assertThat(result.verdict()).isEqualTo(AnalysisResult.Verdict.NG);
    assertThat(result.processing()).isTrue();
    assertThat(result.error()).isFalse();
    assertThat(result.contextJson()).isEqualTo(NG_CONTEXT).contains("myModuleKey");
    assertThat(result.rectangles())
        .containsExactly(
            new DetectedRectangle(
                10,
                12.5,
                20,
                8,
                0.91,
                java.util.List.of(new ClassLabel("scratch", 0.91), new ClassLabel("dent", 0.4))));
  }

  /** Answers the way PEKAT does for the request's response_type and context_in_body. */
  static HttpPeer.Responder pekatLike(byte[] png, String context) {
    byte[] json = context.getBytes(StandardCharsets.UTF_8);
    return (request, out) -> {
      Map<String, String> query = request.query();
      String type = query.getOrDefault("response_type", "context");
      Map<String, String> headers = new LinkedHashMap<>();
      byte[] body;
      if (type.equals("context")) {
        headers.put("Content-Type", "application/json");
        body = json;
      } else if (query.containsKey("context_in_body")) {
        headers.put("Content-Type", "application/octet-stream");
        headers.put("ImageLen", String.valueOf(png.length));
        body = new byte[png.length + json.length];
        System.arraycopy(png, 0, body, 0, png.length);
        System.arraycopy(json, 0, body, png.length, json.length);
      } else {
        headers.put("Content-Type", "image/png");
        headers.put("ContextBase64utf", Base64.getEncoder().encodeToString(json));
        body = png;
      }
      out.write(HttpAnswers.response(200, "OK", headers, body));
      return After.KEEP_OPEN;
    };
  }
}
