package io.camerabridge.ops;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;

/**
 * More pages on the status server's address (the console). Called on the status server's event loop
 * for every request that is not {@code /metrics}, {@code /health} or {@code /ready}; it must answer
 * without blocking (hand slow work to a thread of its own and answer from there with {@link
 * HttpResponses}).
 */
public interface StatusRoutes {

  /**
   * Set to true on a connection whose answer is an open-ended stream (server-sent events): reading
   * nothing from such a client is normal, so the read time-out leaves it alone.
   */
  AttributeKey<Boolean> STREAMING = AttributeKey.valueOf("camerabridge.streaming");

  /**
   * Answers the request, or returns false to leave it to the status server (which answers 404). The
   * request is released by the caller after this returns: copy what an asynchronous answer needs.
   */
  boolean handle(ChannelHandlerContext ctx, FullHttpRequest request);

  /** What {@code GET /} answers without routes: the list of endpoints. */
  StatusRoutes NONE = (ctx, request) -> false;
}
