package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Function;

/**
 * What an exchange's failures are called in its outcome. Kept apart from {@link Exchange}, which
 * decides when an exchange fails; this class only words it. Every text goes through the client's
 * redaction, so no API key reaches an outcome.
 */
final class FailureReasons {
  /** How much of a decoder's message (which may quote a whole header) an outcome keeps. */
  private static final int MAX_QUOTE = 200;

  private FailureReasons() {}

  /** Why a 200 answer that arrived while the request body was still being written is no verdict. */
  static String answeredBeforeUpload(int status) {
    return "answered "
        + status
        + " before the request body was sent in full: PEKAT cannot have judged this frame";
  }

  /** The outcome of a response that could not be read (not HTTP, over the cap, cut off). */
  static Function<ExchangeTimings, AnalysisOutcome> unreadableResponse(
      Throwable cause, boolean responseStarted, NettyPekatClient client) {
    if (isTooLong(cause)) {
      String reason =
          "response is larger than maxResponseBytes ("
              + client.endpoint().maxResponseBytes()
              + " bytes); raise maxResponseBytes or ask for a smaller response type";
      return t -> new AnalysisOutcome.MalformedResponse(reason, t);
    }
    if (responseStarted && isPrematureClose(cause)) {
      return t -> new AnalysisOutcome.IoError("connection closed mid-response", t);
    }
    // Netty's messages may quote what the server sent; the quote is redacted whole, then cut.
    String reason =
        "response is not valid HTTP: "
            + client.quote(
                cause instanceof InvalidResponseException
                    ? cause.getMessage()
                    : FailureReasons.describe(cause),
                MAX_QUOTE);
    return t -> new AnalysisOutcome.MalformedResponse(reason, t);
  }

  /** Why the connection failed, by how far the exchange had got; {@code cause} may be null. */
  static String transportFailure(
      Throwable cause, boolean responseStarted, boolean requestWritten, NettyPekatClient client) {
    String what;
    if (responseStarted) {
      what = "connection closed mid-response";
    } else if (requestWritten) {
      what = "connection closed after the request was sent, before any response byte";
    } else {
      what = "connection failed while sending the request";
    }
    if (cause == null || isPrematureClose(cause)) {
      return what;
    }
    return what + ": " + client.describe(cause);
  }

  private static String describe(Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private static boolean isTooLong(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLongFrameException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPrematureClose(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PrematureChannelClosureException || t instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }
}
