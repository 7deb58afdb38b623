package io.camerabridge.pekat;

import java.time.Duration;
import java.util.Objects;

/**
 * How one request ended. Outcomes are values: the client never throws into the acquisition thread.
 * Each carries {@link ExchangeTimings} and a stable lowercase {@link #name()} for metric tags:
 * {@code ok}, {@code ng}, {@code no_verdict}, {@code http_error}, {@code timeout}, {@code
 * connect_failed}, {@code io_error}, {@code malformed_response}, {@code busy}.
 *
 * <p>No outcome text ever contains the API key.
 */
public sealed interface AnalysisOutcome {

  /** Stable, lowercase tag value for metrics. */
  String name();

  /** When the exchange started, wrote and completed. */
  ExchangeTimings timings();

  /** Whether PEKAT analysed the image and judged it OK. */
  default boolean isOk() {
    return false;
  }

  /**
   * PEKAT answered 200 with a context. {@link #name()} is {@code ok}, {@code ng}, or {@code
   * no_verdict} when the context has no {@code result} (processing off, or a flow error).
   */
  record Analyzed(AnalysisResult result, ExchangeTimings timings) implements AnalysisOutcome {
    public Analyzed {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(timings, "timings");
    }

    @Override
    public String name() {
      return switch (result.verdict()) {
        case OK -> "ok";
        case NG -> "ng";
        case NONE -> "no_verdict";
      };
    }

    @Override
    public boolean isOk() {
      return result.isOk();
    }
  }

  /**
   * PEKAT answered with a status other than 200 (400 bad image or parameters, 401 wrong API key,
   * 500 …).
   *
   * @param firstLine the first line of the body (at most 200 characters), or the reason phrase
   */
  record HttpError(int status, String firstLine, ExchangeTimings timings)
      implements AnalysisOutcome {
    @Override
    public String name() {
      return "http_error";
    }
  }

  /** The request deadline passed; the connection was closed. */
  record Timeout(Duration deadline, ExchangeTimings timings) implements AnalysisOutcome {
    @Override
    public String name() {
      return "timeout";
    }
  }

  /** No connection could be made (refused, unreachable, connect timeout, TLS handshake failed). */
  record ConnectFailed(String reason, ExchangeTimings timings) implements AnalysisOutcome {
    @Override
    public String name() {
      return "connect_failed";
    }
  }

  /** The connection broke while sending or receiving, or the client was closed. */
  record IoError(String reason, ExchangeTimings timings) implements AnalysisOutcome {
    @Override
    public String name() {
      return "io_error";
    }
  }

  /** PEKAT answered 200 but the body could not be understood, or exceeded the size cap. */
  record MalformedResponse(String reason, ExchangeTimings timings) implements AnalysisOutcome {
    @Override
    public String name() {
      return "malformed_response";
    }
  }

  /**
   * {@code maxInFlight} requests were already in flight: the frame was dropped (its buffer released
   * at once) without touching the network.
   */
  record Busy(int maxInFlight, ExchangeTimings timings) implements AnalysisOutcome {
    @Override
    public String name() {
      return "busy";
    }
  }
}
