package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.ExchangeTimings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a complete PEKAT response into an outcome. Where the context is depends on the headers, not
 * on what was asked: {@code ImageLen} means PNG then JSON in the body, {@code ContextBase64utf}
 * means PNG body and context in the header, neither means the body is JSON (PEKAT's fallback when
 * there is no image). Netty's headers match names case-insensitively.
 *
 * <p>The context text is redacted before anyone sees it: PEKAT may echo the request URL, API key
 * included, and the text goes on to the journal, logs and outputs. Stateless; one per client.
 */
final class ResponseDecoder {
  static final String IMAGE_LEN = "ImageLen";
  static final String CONTEXT_HEADER = "ContextBase64utf";
  private static final int MAX_ERROR_LINE = 200;
  private static final int ERROR_SCAN_BYTES = 64 * 1024;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final Redactor redactor;

  ResponseDecoder(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * A decoded response, waiting for its timings; it is the function that makes the outcome, so a
   * response costs no extra closure.
   *
   * @param result the context of a 200 response that parsed, else null
   * @param status the HTTP status
   * @param problem the first line of an error response, or why a 200 response is malformed
   * @param wellFormed false when the body did not match its own framing or headers: the connection
   *     may be out of step with the server and must not be reused
   */
  record Decoded(AnalysisResult result, int status, String problem, boolean wellFormed)
      implements Function<ExchangeTimings, AnalysisOutcome> {
    @Override
    public AnalysisOutcome apply(ExchangeTimings t) {
      if (result != null) {
        return new AnalysisOutcome.Analyzed(result, t);
      }
      if (status != HttpResponseStatus.OK.code()) {
        return new AnalysisOutcome.HttpError(status, problem, t);
      }
      return new AnalysisOutcome.MalformedResponse(problem, t);
    }
  }

  /** Decodes without releasing {@code response}. */
  Decoded decode(FullHttpResponse response) {
    int status = response.status().code();
    if (status != HttpResponseStatus.OK.code()) {
      return new Decoded(null, status, firstLine(response), true);
    }
    try {
      return new Decoded(context(response), status, null, true);
    } catch (ContextParser.MalformedContextException e) {
      return new Decoded(null, status, redactor.quote(e.getMessage(), MAX_ERROR_LINE), false);
    }
  }

  private AnalysisResult context(FullHttpResponse response) {
    ByteBuf body = response.content();
    String imageLen = response.headers().get(IMAGE_LEN);
    if (imageLen != null) {
      int pngLength = parseImageLen(imageLen, body.readableBytes());
      byte[] png = png(body, pngLength);
      String json =
          body.toString(
              body.readerIndex() + pngLength,
              body.readableBytes() - pngLength,
              StandardCharsets.UTF_8);
      return parse(json, Optional.of(png));
    }
    String encoded = response.headers().get(CONTEXT_HEADER);
    if (encoded != null) {
      byte[] json;
      try {
        json = Base64.getDecoder().decode(encoded.trim());
      } catch (IllegalArgumentException e) {
        throw new ContextParser.MalformedContextException(
            CONTEXT_HEADER + " header is not valid Base64");
      }
      byte[] png = png(body, body.readableBytes());
      return parse(new String(json, StandardCharsets.UTF_8), Optional.of(png));
    }
    return parse(body.toString(StandardCharsets.UTF_8), Optional.empty());
  }

  private AnalysisResult parse(String json, Optional<byte[]> png) {
    // The key never occurs in the fields the client reads, so parsing the redacted text is exact.
    return ContextParser.parse(redactor.redact(json), png);
  }

  private int parseImageLen(String value, int bodyLength) {
    int length;
    try {
      length = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ContextParser.MalformedContextException(
          IMAGE_LEN + " header is not a number: '" + redactor.quote(value, 40) + "'");
    }
    if (length < 0 || length > bodyLength) {
      throw new ContextParser.MalformedContextException(
          IMAGE_LEN + " " + length + " does not fit the " + bodyLength + "-byte body");
    }
    return length;
  }

  private static byte[] png(ByteBuf body, int length) {
    if (length < PNG_SIGNATURE.length) {
      throw new ContextParser.MalformedContextException(
          "image part is " + length + " bytes, too short for a PNG");
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (body.getByte(body.readerIndex() + i) != PNG_SIGNATURE[i]) {
        throw new ContextParser.MalformedContextException(
            "image part does not start with the PNG signature");
      }
    }
    return ByteBufUtil.getBytes(body, body.readerIndex(), length);
  }

  /**
   * The first line of an error body, else the reason phrase, else the status's standard phrase. The
   * text is redacted before it is cut to a line: a cut key would escape the mask. Only the first
   * {@value #ERROR_SCAN_BYTES} bytes are read, far more than a line of {@value #MAX_ERROR_LINE}
   * characters can span, so a key cut at that edge can never reach the line.
   */
  private String firstLine(FullHttpResponse response) {
    ByteBuf body = response.content();
    int scan = Math.min(body.readableBytes(), ERROR_SCAN_BYTES);
    String text =
        redactor.redact(body.toString(body.readerIndex(), scan, StandardCharsets.UTF_8)).strip();
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    if (line.isEmpty()) {
      line = response.status().reasonPhrase().strip();
    }
    if (line.isEmpty()) {
      line = HttpResponseStatus.valueOf(response.status().code()).reasonPhrase();
    }
    return redactor.quote(line, MAX_ERROR_LINE);
  }
}
