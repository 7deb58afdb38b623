package io.camerabridge.pekat.netty;

import static io.camerabridge.pekat.ExchangeTimings.NOT_REACHED;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.ExchangeTimings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request from {@code analyze} to its outcome. Everything but {@link #finish} runs on the
 * client's event loop, so the fields need no locking; {@code done} makes the outcome and the
 * release of the body happen exactly once whichever event comes first (response, close, error,
 * deadline, client shutdown).
 *
 * <p>Ownership: the exchange holds one reference to the body until it finishes. Each attempt writes
 * its own {@code retainedDuplicate()}, which Netty releases once written or discarded, so a retry
 * never sends an already released or emptied buffer.
 *
 * <p>A request is retried, once and on a fresh connection, only when no byte of it reached the
 * socket of a reused connection: a POST the server may have read is never sent twice.
 */
final class Exchange implements Runnable, ChannelFutureListener {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);
  // A field updater instead of an AtomicBoolean: one object fewer per frame.
  private static final AtomicIntegerFieldUpdater<Exchange> DONE =
      AtomicIntegerFieldUpdater.newUpdater(Exchange.class, "done");

  private final NettyPekatClient client;
  private final ByteBuf body;
  private final RequestFactory.Target target;
  private final long startNanos;
  private final CompletableFuture<AnalysisOutcome> future = new CompletableFuture<>();
  private volatile int done;

  /** When the request times out; written by {@link Deadlines}. */
  long deadlineNanos;

  private final HeadWrite headWrite = new HeadWrite();
  private boolean timed;
  private ChannelProgressivePromise headPromise;
  private int attempts;
  private Channel connecting;
  private Channel channel;
  private boolean reused;
  private boolean requestBytesSent;
  private boolean requestWritten;
  private boolean responseStarted;
  private long firstWrittenNanos = NOT_REACHED;
  private long lastWrittenNanos = NOT_REACHED;
  private long responseCompleteNanos = NOT_REACHED;

  Exchange(NettyPekatClient client, ByteBuf body, RequestFactory.Target target, long startNanos) {
    this.client = client;
    this.body = body;
    this.target = target;
    this.startNanos = startNanos;
  }

  CompletableFuture<AnalysisOutcome> future() {
    return future;
  }

  /** Starts the exchange; runs on the event loop. */
  @Override
  public void run() {
    if (isDone()) {
      return;
    }
    if (client.isClosed()) {
      finish(t -> new AnalysisOutcome.IoError("client is closed", t));
      return;
    }
    client.deadlines().add(this);
    timed = true;
    try {
      attempt(false);
    } catch (RuntimeException e) {
      failUnexpectedly(e);
    }
  }

  private boolean isDone() {
    return done != 0;
  }

  /**
   * Runs a step of the exchange so that a bug (ours or a caller's, such as an already released
   * buffer) ends the exchange with an outcome instead of leaving it to the deadline.
   */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failUnexpectedly(e);
    }
  }

  private void failUnexpectedly(RuntimeException e) {
    log.error("PEKAT request to {} failed unexpectedly", client.endpoint().baseUrl(), e);
    String reason = "internal error: " + client.describe(e);
    endAndClose(t -> new AnalysisOutcome.IoError(reason, t));
  }

  private void attempt(boolean freshConnection) {
    attempts++;
    Channel idle = freshConnection ? null : client.pool().pollIdle();
    if (idle != null) {
      send(idle, true);
      return;
    }
    ChannelFuture connect = client.pool().connect();
    connecting = connect.channel();
    connect.addListener(f -> guarded(() -> onConnected(connect)));
  }

  private void onConnected(ChannelFuture connect) {
    Channel ch = connect.channel();
    if (isDone()) {
      ch.close();
      return;
    }
    if (!connect.isSuccess()) {
      connecting = null;
      ch.close();
      String reason = client.describeConnectFailure(connect.cause());
      finish(t -> new AnalysisOutcome.ConnectFailed(reason, t));
      return;
    }
    SslHandler tls = ch.pipeline().get(SslHandler.class);
    if (tls == null) {
      connecting = null;
      send(ch, false);
      return;
    }
    tls.handshakeFuture().addListener(f -> guarded(() -> onHandshake(ch, f)));
  }

  private void onHandshake(Channel ch, Future<?> handshake) {
    if (isDone()) {
      ch.close();
      return;
    }
    connecting = null;
    if (!handshake.isSuccess()) {
      ch.close();
      String reason = client.describeTlsFailure(handshake.cause());
      finish(t -> new AnalysisOutcome.ConnectFailed(reason, t));
      return;
    }
    send(ch, false);
  }

  private void send(Channel ch, boolean reusedConnection) {
    channel = ch;
    reused = reusedConnection;
    requestBytesSent = false;
    requestWritten = false;
    responseStarted = false;
    firstWrittenNanos = NOT_REACHED;
    lastWrittenNanos = NOT_REACHED;
    ExchangeHandler handler = ch.pipeline().get(ExchangeHandler.class);
    if (handler == null) {
      // Closed and torn down between connect (or pool) and now: fail like any closed connection.
      ch.close();
      onTransportFailure(ch, null);
      return;
    }
    handler.bind(this);
    HttpRequest head = client.requests().head(target, body.readableBytes());
    headPromise = ch.newProgressivePromise();
    headPromise.addListener(headWrite);
    ClientPipeline.writeRequest(ch, head, headPromise, body.retainedDuplicate(), this);
  }

  /** The last byte of the request was handed to the socket, or the write failed. */
  @Override
  public void operationComplete(ChannelFuture write) {
    onWritten(write.channel(), write);
  }

  private void onWritten(Channel ch, Future<?> write) {
    if (isDone() || channel != ch) {
      return;
    }
    if (write.isSuccess()) {
      lastWrittenNanos = System.nanoTime();
      requestWritten = true;
    } else {
      onTransportFailure(ch, write.cause());
    }
  }

  void onResponseBytes() {
    responseStarted = true;
  }

  /**
   * A complete response, owned by the caller and only read during the call. {@code inStep} is false
   * when the connection cannot carry another request (bytes followed the response, or it ended with
   * the connection).
   */
  void onResponse(Channel ch, FullHttpResponse response, boolean inStep) {
    if (isDone() || channel != ch) {
      ch.close();
      return;
    }
    responseCompleteNanos = System.nanoTime();
    detach(ch);
    ResponseDecoder.Decoded decoded = client.decoder().decode(response);
    // Only a connection whose request and response both completed is in a known state.
    if (requestWritten
        && inStep
        && decoded.wellFormed()
        && HttpUtil.isKeepAlive(response)
        && !client.isClosed()) {
      client.pool().offer(ch);
    } else {
      ch.close();
    }
    if (!requestWritten && decoded.result() != null) {
      // PEKAT cannot have judged a frame it has not received whole: not a verdict on this frame.
      String reason = FailureReasons.answeredBeforeUpload(response.status().code());
      finish(t -> new AnalysisOutcome.MalformedResponse(reason, t));
      return;
    }
    finish(decoded);
  }

  /** The response could not be decoded or is larger than the cap. */
  void onInvalidResponse(Channel ch, Throwable cause) {
    if (isDone() || channel != ch) {
      ch.close();
      return;
    }
    responseCompleteNanos = System.nanoTime();
    detach(ch);
    ch.close();
    failDecoding(cause);
  }

  void onClosed(Channel ch) {
    onTransportFailure(ch, null);
  }

  void onException(Channel ch, Throwable cause) {
    if (isDone() || channel != ch) {
      return;
    }
    if (cause instanceof DecoderException) {
      detach(ch);
      ch.close();
      failDecoding(cause);
      return;
    }
    onTransportFailure(ch, cause);
  }

  private void failDecoding(Throwable cause) {
    finish(FailureReasons.unreadableResponse(cause, responseStarted, client));
  }

  private void onTransportFailure(Channel ch, Throwable cause) {
    if (isDone() || channel != ch) {
      return;
    }
    detach(ch);
    ch.close();
    if (reused && !requestBytesSent && !responseStarted && attempts == 1) {
      // The keep-alive race: the server closed an idle connection as we reused it, and the socket
      // refused the request's first byte. PEKAT saw nothing of it, so sending it again on a fresh
      // connection cannot analyse the frame twice. Target.toString() masks the API key.
      log.debug(
          "Reused connection to {} failed before any request byte was sent; retrying {} once on a"
              + " new connection",
          client.endpoint().baseUrl(),
          target);
      client.retried();
      guarded(() -> attempt(true));
      return;
    }
    String reason = FailureReasons.transportFailure(cause, responseStarted, requestWritten, client);
    finish(t -> new AnalysisOutcome.IoError(reason, t));
  }

  void onDeadline() {
    if (isDone()) {
      return;
    }
    Duration timeout = client.endpoint().requestTimeout();
    // A late response would arrive on a connection we cannot reuse: close it.
    endAndClose(t -> new AnalysisOutcome.Timeout(timeout, t));
  }

  /** Ends the exchange from {@link NettyPekatClient#close}. Runs on the event loop. */
  void abort(String reason) {
    endAndClose(t -> new AnalysisOutcome.IoError(reason, t));
  }

  private void endAndClose(Function<ExchangeTimings, AnalysisOutcome> outcome) {
    Channel ch = channel;
    Channel pending = connecting;
    if (ch != null) {
      detach(ch);
    }
    finish(outcome);
    if (ch != null) {
      ch.close();
    }
    if (pending != null) {
      pending.close();
    }
  }

  private void detach(Channel ch) {
    ExchangeHandler handler = ch.pipeline().get(ExchangeHandler.class);
    if (handler != null) {
      handler.unbind();
    }
    channel = null;
  }

  /**
   * Listens to the request head's write: progress or success means bytes of this attempt reached
   * the socket (from then on it is never retried), success stamps the first byte written.
   */
  private final class HeadWrite implements ChannelProgressiveFutureListener {
    @Override
    public void operationProgressed(ChannelProgressiveFuture write, long progress, long total) {
      if (progress > 0 && write == headPromise) {
        requestBytesSent = true;
      }
    }

    @Override
    public void operationComplete(ChannelProgressiveFuture write) {
      if (write != headPromise) {
        return;
      }
      headPromise = null;
      if (write.isSuccess() && channel == write.channel()) {
        requestBytesSent = true;
        firstWrittenNanos = System.nanoTime();
      }
    }
  }

  /**
   * Completes the exchange exactly once: releases its reference to the body and reports the
   * outcome. Safe from any thread (used off-loop only when the exchange never started).
   */
  void finish(Function<ExchangeTimings, AnalysisOutcome> outcome) {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    if (timed && client.loop().inEventLoop()) {
      client.deadlines().remove(this);
    }
    ExchangeTimings timings =
        new ExchangeTimings(
            startNanos,
            firstWrittenNanos,
            lastWrittenNanos,
            responseCompleteNanos,
            System.nanoTime());
    try {
      body.release();
    } catch (RuntimeException e) {
      // Only a caller that released a buffer it had handed over gets here.
      log.error("Frame buffer was released by someone else while the client owned it", e);
    } finally {
      client.exchangeFinished(this);
      future.complete(outcome.apply(timings));
    }
  }
}
