package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
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
  private FailureReasons() {}

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
    String reason =
        "response is not valid HTTP: "
            + (cause instanceof InvalidResponseException
                ? client.redact(cause.getMessage())
                : client.describe(cause));
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
