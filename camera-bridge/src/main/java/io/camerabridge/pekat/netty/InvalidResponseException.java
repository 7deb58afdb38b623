package io.camerabridge.pekat.netty;

import io.netty.handler.codec.DecoderException;

/**
 * The server's bytes are not an HTTP/1.x response the client can read; the message says which part
 * and quotes its start. Without a stack trace: the message is the whole story, and a broken server
 * may cause one per request.
 */
final class InvalidResponseException extends DecoderException {
  InvalidResponseException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
