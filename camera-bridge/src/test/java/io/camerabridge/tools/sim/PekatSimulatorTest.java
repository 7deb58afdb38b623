package io.camerabridge.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.testing.NettyLeakCheck;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's analysis endpoints over real sockets: {@code analyze_raw_image} layouts, response
 * types and context placement, {@code analyze_image}, and the processing modes.
 */
class PekatSimulatorTest extends SimulatorHttpFixture {
  @RegisterExtension static final NettyLeakCheck leakCheck = NettyLeakCheck.perClass();

  // ---- analyze_raw_image: layouts and analysis ----

  @Test
  void grayFrameWithABrightSquareIsNgWithThatRectangle() throws Exception {
    byte[] frame = Images.gray(W, H, 40, 24, 32, 16);

    HttpResponse<byte[]> response = post(pekat, raw(W, H), frame);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValueAsLong("content-length"))
        .hasValue(response.body().length);
    JsonNode context = json(response.body());
    assertThat(context.get("result").asBoolean()).isFalse();
    JsonNode rects = context.get("detectedRectangles");
    assertThat(rects).hasSize(1);
    JsonNode rect = rects.get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt())).containsExactly(40, 24);
    assertThat(List.of(rect.get("width").asInt(), rect.get("height").asInt()))
        .containsExactly(32, 16);
    assertThat(rect.get("classNames").get(0).get("label").asText()).isEqualTo("defect");
  }

  @Test
  void contextHasTheDocumentedFieldsAndTypes() throws Exception {
    JsonNode c = json(post(pekat, raw(W, H) + "&data=lot42", Images.gray(W, H, 0, 0, 8, 8)).body());

    assertThat(c.get("processing").isBoolean()).isTrue();
    assertThat(c.get("processing").asBoolean()).isTrue();
    assertThat(c.get("error").isBoolean()).isTrue();
    assertThat(c.get("save").isBoolean()).isTrue();
    assertThat(c.get("result").isBoolean()).isTrue();
    assertThat(c.get("production_mode").asBoolean()).isTrue();
    assertThat(c.get("imageShape").get("width").isInt()).isTrue();
    assertThat(c.get("imageShape").get("width").asInt()).isEqualTo(W);
    assertThat(c.get("imageShape").get("height").asInt()).isEqualTo(H);
    assertThat(c.get("processingTime").isDouble()).isTrue();
    assertThat(c.get("completeTime").isDouble()).isTrue();
    assertThat(c.get("data").asText()).isEqualTo("lot42");
    assertThat(c.get("errors").isArray()).isTrue();
    assertThat(c.get("stdout").isTextual()).isTrue();
    assertThat(c.get("stderr").isTextual()).isTrue();
    assertThat(c.get("operatorInput").isObject()).isTrue();
    assertThat(c.get("globalData").isObject()).isTrue();
    assertThat(c.get("surfaceClasses").isArray()).isTrue();
    assertThat(c.get("lines").isArray()).isTrue();
    assertThat(c.has("angle")).isTrue();
    assertThat(c.get("score").isNumber()).isTrue();
    assertThat(c.get("threshold").isNumber()).isTrue();
    JsonNode rect = c.get("detectedRectangles").get(0);
    for (String field : List.of("id", "x", "y", "width", "height")) {
      assertThat(rect.get(field).isInt()).as(field).isTrue();
    }
    assertThat(rect.get("rotate").isDouble()).isTrue();
    assertThat(rect.get("confidence").isDouble()).isTrue();
    JsonNode cls = rect.get("classNames").get(0);
    assertThat(cls.get("id").isInt()).isTrue();
    assertThat(cls.get("confidence").isInt()).isTrue();
    assertThat(cls.get("color").isTextual()).isTrue();
    JsonNode source = rect.get("source");
    assertThat(source.get("modelId").isInt()).isTrue();
    assertThat(source.get("moduleId").isInt()).isTrue();
    assertThat(source.get("type").asText()).isEqualTo("DETECTOR");
  }

  @Test
  void darkFrameIsOk() throws Exception {
    JsonNode context = json(post(pekat, raw(W, H), Images.gray(W, H)).body());

    assertThat(context.get("result").asBoolean()).isTrue();
    assertThat(context.get("detectedRectangles")).isEmpty();
  }

  @Test
  void bgrFrameIsRecognisedByItsLength() throws Exception {
    JsonNode context = json(post(pekat, raw(W, H), Images.bgr(W, H, 80, 64, 16, 24)).body());

    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(80, 64, 16);
  }

  @Test
  void bayerFlagReadsWTimesHBytesAsBayerRg8() throws Exception {
    byte[] mosaic = Images.bayer(W, H, 16, 16, 24, 8);

    JsonNode context = json(post(pekat, raw(W, H) + "&bayer", mosaic).body());
    HttpResponse<byte[]> png = post(pekat, raw(W, H) + "&bayer&response_type=image", mosaic);

    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt(), rect.get("width").asInt()))
        .containsExactly(16, 16, 24);
    BufferedImage image = Images.decode(png.body());
    // Demosaiced: the background is dark red, not a gray checkerboard.
    Color background = new Color(image.getRGB(100, 100));
    assertThat(List.of(background.getRed(), background.getGreen(), background.getBlue()))
        .containsExactly(120, 0, 0);
    assertThat(new Color(image.getRGB(20, 20))).isEqualTo(Color.WHITE);
  }

  @Test
  void bodyLengthMatchingNoLayoutIsA400WithOneLine() throws Exception {
    HttpResponse<byte[]> response = post(pekat, raw(W, H), new byte[W * H * 2]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response).strip())
        .doesNotContain("\n")
        .contains(String.valueOf(W * H * 2))
        .contains(String.valueOf(W * H))
        .contains(String.valueOf(W * H * 3));
    assertThat(pekat.stats().count(Endpoint.ANALYZE_RAW_IMAGE, Outcome.REJECTED)).isEqualTo(1);
  }

  @Test
  void bayerFlagWithABgrSizedBodyIsA400() throws Exception {
    HttpResponse<byte[]> response = post(pekat, raw(W, H) + "&bayer", new byte[W * H * 3]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("Bayer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/analyze_raw_image?height=120",
        "/analyze_raw_image?width=160",
        "/analyze_raw_image?width=abc&height=120",
        "/analyze_raw_image?width=160&height=-5",
        "/analyze_raw_image?width=&height=120"
      })
  void missingOrNonNumericSizeIsA400(String target) throws Exception {
    HttpResponse<byte[]> response = post(pekat, target, new byte[W * H]);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).containsAnyOf("width", "height").endsWith("\n");
    assertThat(text(response).strip()).doesNotContain("\n");
  }

  @Test
  void unknownResponseTypeIsA400() throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=thumbnail", Images.gray(W, H));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(response)).contains("response_type");
  }

  @Test
  void dataIsUrlDecodedIntoTheContext() throws Exception {
    JsonNode context =
        json(post(pekat, raw(W, H) + "&data=lot%2042%26line%3D3+%C3%A9", Images.gray(W, H)).body());

    assertThat(context.get("data").asText()).isEqualTo("lot 42&line=3 é");
  }

  @Test
  void pythonSdksLiteralNoneDataIsKept() throws Exception {
    JsonNode context =
        json(
            post(
                    pekat,
                    "/analyze_raw_image?response_type=context&data=None&width=160&height=120",
                    Images.gray(W, H))
                .body());

    assertThat(context.get("data").asText()).isEqualTo("None");
  }

  // ---- image response types and context placement ----

  @Test
  void imageResponseCarriesThePngAndTheContextInTheHeader() throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=image", Images.gray(W, H, 40, 24, 32, 16));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
    BufferedImage image = Images.decode(response.body());
    assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(W, H);
    String header = response.headers().firstValue("contextbase64utf").orElseThrow();
    JsonNode context = json(Base64.getDecoder().decode(header));
    assertThat(context.get("detectedRectangles")).hasSize(1);
    assertThat(new Color(image.getRGB(50, 30))).isEqualTo(Color.WHITE);
    assertThat(response.headers().firstValue("ImageLen")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"&context_in_body", "&context_in_body=1", "&context_in_body=true"})
  void contextInBodyPutsTheJsonAfterThePng(String flag) throws Exception {
    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=heatmap" + flag, Images.gray(W, H, 8, 8, 8, 8));

    int imageLen = Integer.parseInt(response.headers().firstValue("imagelen").orElseThrow());
    byte[] body = response.body();
    BufferedImage heatmap = Images.decode(Arrays.copyOf(body, imageLen));
    JsonNode context = json(Arrays.copyOfRange(body, imageLen, body.length));
    assertThat(List.of(heatmap.getWidth(), heatmap.getHeight())).containsExactly(W, H);
    assertThat(context.get("detectedRectangles")).hasSize(1);
    assertThat(response.headers().firstValue("ContextBase64utf")).isEmpty();
  }

  @Test
  void annotatedImageOutlinesEachRegionAndHeatmapIsBlackElsewhere() throws Exception {
    byte[] frame = Images.gray(W, H, 40, 24, 32, 16);

    BufferedImage annotated =
        Images.decode(post(pekat, raw(W, H) + "&response_type=annotated_image", frame).body());
    BufferedImage heatmap =
        Images.decode(post(pekat, raw(W, H) + "&response_type=heatmap", frame).body());

    assertThat(List.of(annotated.getWidth(), annotated.getHeight())).containsExactly(W, H);
    Color edge = new Color(annotated.getRGB(40, 30));
    assertThat(edge.getRed()).isGreaterThan(200);
    assertThat(edge.getGreen()).isLessThan(80);
    Color outside = new Color(annotated.getRGB(120, 100));
    assertThat(outside.getRed()).isEqualTo(outside.getGreen()).isEqualTo(20);
    assertThat(new Color(heatmap.getRGB(120, 100))).isEqualTo(Color.BLACK);
    assertThat(new Color(heatmap.getRGB(50, 30))).isNotEqualTo(Color.BLACK);
  }

  // ---- analyze_image ----

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "bmp"})
  void analyzeImageDecodesImageFiles(String format) throws Exception {
    BufferedImage picture = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = picture.createGraphics();
    g.setColor(new Color(10, 10, 10));
    g.fillRect(0, 0, W, H);
    g.setColor(Color.WHITE);
    g.fillRect(64, 32, 32, 32);
    g.dispose();

    HttpResponse<byte[]> response = post(pekat, "/analyze_image", Images.encode(picture, format));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode context = json(response.body());
    assertThat(context.get("imageShape").get("width").asInt()).isEqualTo(W);
    JsonNode rect = context.get("detectedRectangles").get(0);
    assertThat(List.of(rect.get("x").asInt(), rect.get("y").asInt())).containsExactly(64, 32);
  }

  @Test
  void undecodableOrEmptyImageIsA400() throws Exception {
    HttpResponse<byte[]> garbage =
        post(pekat, "/analyze_image", "not an image".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> empty = post(pekat, "/analyze_image", new byte[0]);

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(text(garbage)).contains("PNG");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(text(empty)).contains("empty");
  }

  // ---- processing modes ----

  @Test
  void processingOffAnswersTheBareContextAsJsonEvenForImageTypes() throws Exception {
    pekat.setProcessing(Processing.OFF);

    HttpResponse<byte[]> response =
        post(pekat, raw(W, H) + "&response_type=annotated_image", Images.gray(W, H, 0, 0, 8, 8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ContextBase64utf")).isEmpty();
    assertThat(response.headers().firstValue("ImageLen")).isEmpty();
    JsonNode context = json(response.body());
    List<String> fields = new java.util.ArrayList<>();
    context.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder("processing", "error", "imageShape", "processingTime", "save");
    assertThat(context.get("processing").asBoolean()).isFalse();
    assertThat(context.get("imageShape").get("height").asInt()).isEqualTo(H);
  }

  @Test
  void discardAnswersAnOkContextWithoutAnalysing() throws Exception {
    pekat.setProcessing(Processing.DISCARD);
    pekat.setChecksums(false);

    JsonNode context = json(post(pekat, raw(W, H), Images.gray(W, H, 0, 0, 64, 64)).body());

    assertThat(context.get("processing").asBoolean()).isTrue();
    assertThat(context.get("result").asBoolean()).isTrue();
    assertThat(context.get("detectedRectangles")).isEmpty();
    assertThat(pekat.stats().last().orElseThrow().crc32c()).isEmpty();
  }
}
