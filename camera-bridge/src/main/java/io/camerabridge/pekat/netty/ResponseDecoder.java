package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.AnalysisResult;
import io.camerabridge.pekat.ExchangeTimings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a complete PEKAT response into an outcome. Where the context is depends on the headers, not
 * on what was asked: {@code ImageLen} means PNG then JSON in the body, {@code ContextBase64utf}
 * means PNG body and context in the header, neither means the body is JSON (PEKAT's fallback when
 * there is no image). Header names are matched case-insensitively ({@link ResponseHead}).
 *
 * <p>One per client; it keeps a parser and a copy buffer across responses, so it is used on the
 * client's event loop only.
 */
final class ResponseDecoder {
  static final String IMAGE_LEN = "ImageLen";
  static final String CONTEXT_HEADER = "ContextBase64utf";
  private static final int MAX_ERROR_LINE = 200;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Contexts up to this size are copied into one reused array; larger ones into their own. */
  private static final int MAX_SCRATCH_BYTES = 64 * 1024;

  private final Redactor redactor;
  private final ReusableContextParser contexts = new ReusableContextParser();
  private byte[] scratch = new byte[1024];

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

  /** Decodes without releasing {@code body}. */
  Decoded decode(ResponseHead head, ByteBuf body) {
    int status = head.status();
    if (status != HttpResponseStatus.OK.code()) {
      return new Decoded(null, status, firstLine(head, body), true);
    }
    try {
      return new Decoded(context(head, body), status, null, true);
    } catch (ContextParser.MalformedContextException e) {
      return new Decoded(null, status, redactor.redact(e.getMessage()), false);
    }
  }

  private AnalysisResult context(ResponseHead head, ByteBuf body) {
    String imageLen = head.imageLen();
    if (imageLen != null) {
      int pngLength = parseImageLen(imageLen, body.readableBytes());
      byte[] png = png(body, pngLength);
      return json(
          body, body.readerIndex() + pngLength, body.readableBytes() - pngLength, Optional.of(png));
    }
    String encoded = head.contextBase64();
    if (encoded != null) {
      byte[] json;
      try {
        json = Base64.getDecoder().decode(encoded.trim());
      } catch (IllegalArgumentException e) {
        throw new ContextParser.MalformedContextException(
            CONTEXT_HEADER + " header is not valid Base64");
      }
      return contexts.parse(json, 0, json.length, Optional.of(png(body, body.readableBytes())));
    }
    return json(body, body.readerIndex(), body.readableBytes(), Optional.empty());
  }

  /** Parses the JSON at {@code index}; a direct buffer's bytes are copied to the heap once. */
  private AnalysisResult json(ByteBuf body, int index, int length, Optional<byte[]> png) {
    if (body.hasArray()) {
      return contexts.parse(body.array(), body.arrayOffset() + index, length, png);
    }
    byte[] bytes = length <= MAX_SCRATCH_BYTES ? scratch(length) : new byte[length];
    body.getBytes(index, bytes, 0, length);
    return contexts.parse(bytes, 0, length, png);
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.min(MAX_SCRATCH_BYTES, Integer.highestOneBit(length - 1) << 1)];
    }
    return scratch;
  }

  private static int parseImageLen(String value, int bodyLength) {
    int length;
    try {
      length = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ContextParser.MalformedContextException(
          IMAGE_LEN + " header is not a number: '" + abbreviate(value) + "'");
    }
    if (length < 0 || length > bodyLength) {
      throw new ContextParser.MalformedContextException(
          IMAGE_LEN + " " + length + " does not fit the " + bodyLength + "-byte body");
    }
    return length;
  }

  private static byte[] png(ByteBuf body, int length) {
    byte[] png = ByteBufUtil.getBytes(body, body.readerIndex(), length);
    if (length < PNG_SIGNATURE.length) {
      throw new ContextParser.MalformedContextException(
          "image part is " + length + " bytes, too short for a PNG");
    }
    for (int i = 0; i < PNG_SIGNATURE.length; i++) {
      if (png[i] != PNG_SIGNATURE[i]) {
        throw new ContextParser.MalformedContextException(
            "image part does not start with the PNG signature");
      }
    }
    return png;
  }

  private String firstLine(ResponseHead head, ByteBuf body) {
    int scan = Math.min(body.readableBytes(), 4 * MAX_ERROR_LINE);
    String text = body.toString(body.readerIndex(), scan, StandardCharsets.UTF_8).strip();
    int newline = text.indexOf('\n');
    String line = (newline < 0 ? text : text.substring(0, newline)).strip();
    if (line.isEmpty()) {
      line = head.reasonPhrase();
    }
    if (line.isEmpty()) {
      line = HttpResponseStatus.valueOf(head.status()).reasonPhrase();
    }
    return abbreviate(redactor.redact(line));
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_ERROR_LINE ? text : text.substring(0, MAX_ERROR_LINE) + "…";
  }
}
