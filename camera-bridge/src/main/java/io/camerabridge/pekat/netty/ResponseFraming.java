package io.camerabridge.pekat.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's response decoder with the client's limits, plus the two facts the exchange needs that a
 * decoder knows and does not say: that response bytes started to arrive (a failure from then on is
 * no longer "before any response byte"), and whether bytes are left over after a complete response
 * (the connection is then out of step with the server and must not be reused).
 */
final class ResponseFraming extends HttpResponseDecoder {
  /** Status lines are short; a longer one is not PEKAT. */
  static final int MAX_STATUS_LINE = 4096;

  /** Headers are small except PEKAT's ContextBase64utf, which grows with the context. */
  static final int MAX_HEADER_BYTES = 256 * 1024;

  /** Largest body piece the decoder hands on at once; larger pieces mean fewer objects. */
  private static final int MAX_PIECE_BYTES = 1 << 20;

  private final ExchangeHandler exchanges;

  ResponseFraming(int maxResponseBytes, ExchangeHandler exchanges) {
    super(
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_STATUS_LINE)
            .setMaxHeaderSize(Math.min(MAX_HEADER_BYTES, maxResponseBytes))
            .setMaxChunkSize(Math.min(MAX_PIECE_BYTES, maxResponseBytes))
            .setValidateHeaders(true)
            .setStrictLineParsing(true)
            .setAllowDuplicateContentLengths(false));
    this.exchanges = exchanges;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    exchanges.onResponseBytes();
    super.channelRead(ctx, msg);
  }

  /** Whether received bytes wait behind the response just decoded. */
  boolean bytesLeftOver() {
    return actualReadableBytes() > 0;
  }

  /**
   * The decoder's one hook between a response's head and its body. A transfer coding other than
   * chunked would be read to the end of the connection and handed on still encoded (the request
   * sends no Accept-Encoding), so such a response is refused here, at its head.
   */
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    String coding = msg.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
    if (coding != null && !HttpUtil.isTransferEncodingChunked(msg)) {
      // The full value: the client redacts, then shortens, every text it reports.
      throw new InvalidResponseException(
          "unsupported Transfer-Encoding (only chunked is): '" + coding + "'");
    }
    return super.isContentAlwaysEmpty(msg);
  }
}
