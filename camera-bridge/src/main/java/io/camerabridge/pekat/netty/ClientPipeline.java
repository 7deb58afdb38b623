package io.camerabridge.pekat.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import java.util.Optional;

/**
 * The handlers of one client connection and the one way a request is written to it. Both the client
 * and {@code ZeroCopyWriteTest} use these, so the test proves the pipeline that runs.
 *
 * <pre>
 *   [tls] → HttpRequestEncoder → ResponseFraming (HttpResponseDecoder) → HttpObjectAggregator
 *         → ExchangeHandler
 * </pre>
 *
 * The encoder passes the frame's buffer through untouched; the aggregator bounds a response by
 * {@code maxResponseBytes}.
 */
final class ClientPipeline {
  private ClientPipeline() {}

  /** Adds the handlers to a new connection's pipeline. */
  static void install(
      Channel ch, Optional<SslContext> tls, String host, int port, int maxResponseBytes) {
    ChannelPipeline p = ch.pipeline();
    tls.ifPresent(ctx -> p.addLast("tls", ctx.newHandler(ch.alloc(), host, port)));
    ExchangeHandler exchanges = new ExchangeHandler();
    ResponseFraming framing = new ResponseFraming(maxResponseBytes, exchanges);
    exchanges.framing(framing);
    p.addLast("request", new HttpRequestEncoder());
    p.addLast("response", framing);
    p.addLast("aggregate", new HttpObjectAggregator(maxResponseBytes));
    p.addLast("exchange", exchanges);
  }

  /**
   * Writes one request and flushes once: the head, {@code body} as it is (the encoder passes it on
   * uncopied; Netty releases it once written or discarded), and the empty last content.
   *
   * @param head the head's promise: it reports progress, so a partly written head is known
   * @param written completes when the last byte was handed to the socket, or the write failed
   */
  static void writeRequest(
      Channel ch,
      HttpRequest head,
      ChannelProgressivePromise headPromise,
      ByteBuf body,
      ChannelFutureListener written) {
    ch.write(head, headPromise);
    // The body's write gets the void promise: its failure reaches exceptionCaught and ends the
    // exchange like any transport failure.
    ch.write(body, ch.voidPromise());
    ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(written);
  }
}
