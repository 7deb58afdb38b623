package io.camerabridge.tools.sim;

import io.camerabridge.pekat.ResponseType;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what each request gets: cheap endpoints are answered on the event loop, analysis and
 * {@code /last_image} rendering go to a processing lane. Shared by all connections.
 */
final class SimRouter {
  private static final Logger LOG = LoggerFactory.getLogger(SimRouter.class);
  private static final String ENDPOINTS =
      "/analyze_raw_image, /analyze_image, /analyze_image_shared_memory, /ping, /version,"
          + " /last_image, /stop";

  private final SimSettings settings;
  private final SimControls controls;
  private final SimulatorStats stats;
  private final AnalyzeService service;
  private final LastImage lastImage;
  private final ExecutorService lanes;
  private final Runnable stopAction;

  SimRouter(
      SimSettings settings,
      SimControls controls,
      SimulatorStats stats,
      AnalyzeService service,
      LastImage lastImage,
      ExecutorService lanes,
      Runnable stopAction) {
    this.settings = settings;
    this.controls = controls;
    this.stats = stats;
    this.service = service;
    this.lastImage = lastImage;
    this.lanes = lanes;
    this.stopAction = stopAction;
  }

  long nextSequence() {
    return stats.nextSequence();
  }

  /** Answers {@code request} through {@code done}; takes ownership of the request. */
  void route(
      FullHttpRequest request,
      SimHandler.Exchange exchange,
      QueryParams query,
      String queryError,
      SimHandler.Completion done) {
    boolean handedOff = false;
    try {
      if (request.decoderResult().isFailure()) {
        reject(done, "malformed HTTP request: " + request.decoderResult().cause().getMessage());
      } else if (queryError != null) {
        reject(done, queryError);
      } else if (exchange.endpoint() == Endpoint.OTHER) {
        plain(done, 404, Outcome.NOT_FOUND, "no such endpoint; PEKAT serves " + ENDPOINTS);
      } else if (exchange.endpoint().analyze()) {
        handedOff = analyze(request, exchange, query, done);
      } else if (!isGetOrHead(exchange.method())) {
        notAllowed(done, "GET, HEAD");
      } else {
        handedOff = serveGet(request, exchange, query, done);
      }
    } finally {
      if (!handedOff) {
        request.release();
      }
    }
  }

  private boolean analyze(
      FullHttpRequest request,
      SimHandler.Exchange exchange,
      QueryParams query,
      SimHandler.Completion done) {
    HttpMethod method = exchange.method();
    // PUT is accepted too: the vendor's C++ example uploads frames with libcurl's PUT.
    if (!method.equals(HttpMethod.POST) && !method.equals(HttpMethod.PUT)) {
      notAllowed(done, "POST, PUT");
      return false;
    }
    if (!authorized(query)) {
      plain(
          done,
          401,
          Outcome.UNAUTHORIZED,
          "missing or wrong api_key: this project requires" + " ?api_key=KEY on analyze requests");
      return false;
    }
    stats.analyzeArrived();
    Fault taken = controls.takeFault();
    Fault fault = taken == Fault.REFUSE_CONNECTIONS ? Fault.NONE : taken;
    boolean submitted =
        submit(
            done,
            () -> {
              AnalyzeService.Result r;
              stats.processingStarted();
              try {
                r =
                    service.analyze(
                        exchange.endpoint(),
                        query,
                        request.content(),
                        exchange.receivedNanos(),
                        fault == Fault.FLOW_ERROR);
              } finally {
                stats.processingEnded();
                stats.analyzeAnswered();
              }
              done.complete(
                  r.response(),
                  fault == Fault.NONE ? r.outcome() : Outcome.FAULT,
                  fault,
                  r.bodyBytes(),
                  r.crc32c());
            },
            request);
    if (!submitted) {
      stats.analyzeAnswered();
    }
    return submitted;
  }

  private boolean serveGet(
      FullHttpRequest request,
      SimHandler.Exchange exchange,
      QueryParams query,
      SimHandler.Completion done) {
    switch (exchange.endpoint()) {
      case PING -> plain(done, 200, Outcome.OK, "OK");
      case VERSION -> plain(done, 200, Outcome.OK, settings.pekatVersion());
      case STOP -> stop(query, done);
      case LAST_IMAGE -> {
        if (!authorized(query)) {
          plain(done, 401, Outcome.UNAUTHORIZED, "missing or wrong api_key");
          return false;
        }
        return submit(done, () -> lastImage(query, done), request);
      }
      default -> throw new IllegalStateException("not a GET endpoint: " + exchange.endpoint());
    }
    return false;
  }

  private void stop(QueryParams query, SimHandler.Completion done) {
    String key = query.get("key");
    if (settings.stopKey() == null) {
      plain(done, 403, Outcome.FORBIDDEN, "this project was started without a stop key");
    } else if (key == null || !constantTimeEquals(key, settings.stopKey())) {
      plain(done, 403, Outcome.FORBIDDEN, "missing or wrong stop key: send /stop?key=KEY");
    } else {
      plain(done, 200, Outcome.OK, "stopping");
    }
  }

  private void lastImage(QueryParams query, SimHandler.Completion done) {
    try (LastImage.Snapshot last = lastImage.get()) {
      if (last == null) {
        plain(done, 404, Outcome.NOT_FOUND, "no image has been analysed yet");
        return;
      }
      String wanted = query.get("response_type");
      ResponseType type;
      try {
        type = wanted == null ? ResponseType.IMAGE : ResponseType.fromWireName(wanted);
      } catch (IllegalArgumentException e) {
        // PEKAT 4.0.3 answers an unknown type here with an empty PNG body, not a 400.
        done.complete(
            new SimResponse(200, SimResponse.PNG, new byte[0], Map.of(), null),
            Outcome.OK,
            Fault.NONE,
            0,
            OptionalLong.empty());
        return;
      }
      SimResponse answer =
          ImageAnswers.answer(
              type, query.flag("context_in_body"), last.frame(), last.analysis(), last.context());
      done.complete(answer, Outcome.OK, Fault.NONE, 0, OptionalLong.empty());
    }
  }

  /** A lane's work, which may be interrupted when the simulator closes. */
  interface LaneWork {
    void run() throws InterruptedException;
  }

  private boolean submit(SimHandler.Completion done, LaneWork work, FullHttpRequest request) {
    try {
      lanes.execute(new LaneTask(work, request, done));
      return true;
    } catch (RejectedExecutionException e) {
      plain(done, 503, Outcome.FAULT, "the simulator is shutting down");
      return false;
    }
  }

  /** Runs {@code work} on a lane and releases the request afterwards, whatever happens. */
  final class LaneTask implements Runnable {
    private final LaneWork work;
    private final FullHttpRequest request;
    private final SimHandler.Completion done;

    LaneTask(LaneWork work, FullHttpRequest request, SimHandler.Completion done) {
      this.work = work;
      this.request = request;
      this.done = done;
    }

    @Override
    public void run() {
      try {
        work.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // closing: the connection is closed anyway
      } catch (RuntimeException e) {
        LOG.error("Simulator failed to answer a request", e);
        plain(done, 500, Outcome.FAULT, "pekat-sim internal error: " + e);
      } finally {
        request.release();
      }
    }

    /** Releases the request of a task that will never run. */
    void abandon() {
      request.release();
    }
  }

  void record(
      SimHandler.Exchange exchange,
      SimResponse response,
      Outcome outcome,
      Fault fault,
      long bytes,
      OptionalLong crc) {
    int status =
        switch (fault) {
          case HTTP_500 -> 500;
          case BAD_REQUEST_TRACEBACK -> 400;
          case MALFORMED_JSON, FLOW_ERROR -> 200;
          case CLOSE_BEFORE_RESPONSE, HANG -> 0;
          default -> response.status();
        };
    stats.record(
        new RequestRecord(
            exchange.sequence(),
            exchange.receivedAt(),
            exchange.endpoint(),
            exchange.method().name(),
            exchange.query(),
            bytes,
            crc,
            outcome,
            status,
            fault,
            exchange.connection()));
  }

  /** Runs after an answer is on the wire: a successful {@code /stop} stops the simulator. */
  void afterWrite(SimHandler.Exchange exchange, SimResponse response) {
    if (exchange.endpoint() == Endpoint.STOP && response.status() == 200) {
      stopAction.run();
    }
  }

  private boolean authorized(QueryParams query) {
    if (settings.apiKey() == null) {
      return true;
    }
    String given = query.get("api_key");
    return given != null && constantTimeEquals(given, settings.apiKey().reveal());
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isGetOrHead(HttpMethod method) {
    return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
  }

  private static void reject(SimHandler.Completion done, String reason) {
    plain(done, 400, Outcome.REJECTED, reason);
  }

  private static void notAllowed(SimHandler.Completion done, String allow) {
    SimResponse base = SimResponse.text(405, "method not allowed here; use " + allow);
    done.complete(
        new SimResponse(405, base.contentType(), base.body(), Map.of("Allow", allow), null),
        Outcome.METHOD_NOT_ALLOWED,
        Fault.NONE,
        0,
        OptionalLong.empty());
  }

  private static void plain(SimHandler.Completion done, int status, Outcome outcome, String line) {
    done.complete(SimResponse.text(status, line), outcome, Fault.NONE, 0, OptionalLong.empty());
  }
}
