package io.camerabridge.pekat.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Reads HTTP/1.x responses from the bytes of one connection, in whatever pieces they arrive: the
 * head into a reused {@link ResponseHead}, the body framed by Content-Length, by chunks, or by the
 * end of the connection. Bodies up to {@value #SMALL_BODY_BYTES} bytes (PEKAT's JSON contexts) are
 * copied into one heap buffer the connection keeps, so a response allocates nothing; a larger one
 * (an image response) goes into a pooled buffer released after the response.
 *
 * <p>Limits: the head and each chunk or trailer line at most {@code maxHeadBytes}, the body at most
 * {@code maxBodyBytes}; past them {@link #read} throws {@link TooLongFrameException}. Bytes that
 * are not HTTP throw {@link InvalidResponseException}. After either the reader must be {@link
 * #reset}. Event loop only.
 */
final class ResponseReader {
  static final int SMALL_BODY_BYTES = 64 * 1024;

  private enum State {
    STATUS,
    HEADERS,
    FIXED,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    UNTIL_CLOSE,
    COMPLETE
  }

  private final int maxHeadBytes;
  private final int maxBodyBytes;
  private final ResponseHead head = new ResponseHead();
  private final ByteBuf line;
  private final ByteBuf smallBody;
  private ByteBuf body;
  private State state = State.STATUS;
  private long remaining;
  private int headBytes;

  ResponseReader(int maxHeadBytes, int maxBodyBytes) {
    this.maxHeadBytes = maxHeadBytes;
    this.maxBodyBytes = maxBodyBytes;
    // Plain heap buffers: no native memory, so nothing to release if the connection just ends.
    this.line = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, 256, maxHeadBytes);
    this.smallBody =
        new UnpooledHeapByteBuf(
            UnpooledByteBufAllocator.DEFAULT, 1024, Math.min(SMALL_BODY_BYTES, maxBodyBytes));
    this.body = smallBody;
  }

  /**
   * Consumes bytes of {@code in} up to the end of a response. Returns true when one is complete:
   * {@link #head()} and {@link #body()} then hold it until {@link #recycle()}, and any bytes left
   * in {@code in} belong to no request.
   */
  boolean read(ByteBuf in, ByteBufAllocator alloc) {
    while (in.isReadable()) {
      switch (state) {
        case FIXED, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          append(in, n, alloc);
          remaining -= n;
          if (remaining == 0) {
            state = state == State.FIXED ? State.COMPLETE : State.CHUNK_END;
          }
        }
        case UNTIL_CLOSE -> append(in, in.readableBytes(), alloc);
        case COMPLETE -> throw new IllegalStateException("the previous response was not recycled");
        default -> readLine(in, alloc);
      }
      if (state == State.COMPLETE) {
        return true;
      }
    }
    return false;
  }

  /**
   * The connection ended. Returns true when that completes a response whose body runs to the end of
   * the connection (no Content-Length, not chunked).
   */
  boolean endOfInput() {
    if (state == State.UNTIL_CLOSE) {
      state = State.COMPLETE;
      return true;
    }
    return false;
  }

  /** The head of the complete response. */
  ResponseHead head() {
    return head;
  }

  /** The body of the complete response; owned by the reader. */
  ByteBuf body() {
    return body;
  }

  /** Gets ready for the next response after a complete one was used. */
  void recycle() {
    state = State.STATUS;
    clear();
  }

  /** Drops a response in progress. A complete one is left to {@link #recycle()}. */
  void reset() {
    if (state != State.COMPLETE) {
      state = State.STATUS;
      clear();
    }
  }

  private void clear() {
    headBytes = 0;
    remaining = 0;
    line.clear();
    smallBody.clear();
    if (body != smallBody) {
      ByteBuf large = body;
      body = smallBody;
      large.release();
    }
  }

  private void readLine(ByteBuf in, ByteBufAllocator alloc) {
    int start = in.readerIndex();
    int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
    int n = (eol < 0 ? in.writerIndex() : eol + 1) - start;
    if (line.readableBytes() + n > maxHeadBytes - headBytes) {
      throw new TooLongFrameException("response head larger than " + maxHeadBytes + " bytes");
    }
    if (eol < 0) {
      line.writeBytes(in, n);
      return;
    }
    if (line.isReadable()) {
      line.writeBytes(in, n);
      onLine(line, line.readerIndex(), line.writerIndex(), alloc);
      line.clear();
    } else {
      in.skipBytes(n);
      onLine(in, start, start + n, alloc);
    }
  }

  /** {@code buf[start, end)} is one line including its LF. */
  private void onLine(ByteBuf buf, int start, int end, ByteBufAllocator alloc) {
    if (state == State.STATUS || state == State.HEADERS) {
      // Chunk framing and trailer lines are bounded one by one instead (see readLine).
      headBytes += end - start;
    }
    int contentEnd = end - 1;
    if (contentEnd > start && buf.getByte(contentEnd - 1) == '\r') {
      contentEnd--;
    }
    boolean empty = contentEnd == start;
    switch (state) {
      case STATUS -> {
        if (!empty) {
          head.statusLine(buf, start, contentEnd);
          state = State.HEADERS;
        }
      }
      case HEADERS -> {
        if (empty) {
          endOfHead(alloc);
        } else {
          head.headerLine(buf, start, contentEnd);
        }
      }
      case CHUNK_SIZE -> chunkSize(buf, start, contentEnd);
      case CHUNK_END -> {
        if (!empty) {
          throw ResponseHead.invalid("chunk data not followed by CRLF", buf, start, contentEnd);
        }
        state = State.CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (empty) {
          state = State.COMPLETE;
        }
      }
      default -> throw new IllegalStateException("no line expected in state " + state);
    }
  }

  private void endOfHead(ByteBufAllocator alloc) {
    headBytes = 0;
    if (head.status() < 200) {
      // An interim response (100 Continue and the like): the real one follows.
      state = State.STATUS;
      return;
    }
    if (head.hasNoBody()) {
      state = State.COMPLETE;
    } else if (head.chunked()) {
      state = State.CHUNK_SIZE;
    } else if (head.contentLength() >= 0) {
      long length = head.contentLength();
      checkBodyLength(length);
      if (length > SMALL_BODY_BYTES) {
        body = alloc.buffer((int) length);
      }
      remaining = length;
      state = length == 0 ? State.COMPLETE : State.FIXED;
    } else {
      state = State.UNTIL_CLOSE;
    }
  }

  private void chunkSize(ByteBuf buf, int start, int end) {
    long size = 0;
    int i = start;
    for (; i < end; i++) {
      int digit = Character.digit(buf.getByte(i), 16);
      if (digit < 0) {
        break;
      }
      size = size * 16 + digit;
      if (size > maxBodyBytes) {
        throw tooLong();
      }
    }
    byte next = i < end ? buf.getByte(i) : (byte) ';';
    if (i == start || (next != ';' && !ResponseHead.isWhitespace(next))) {
      throw ResponseHead.invalid("chunk size is not a hex number", buf, start, end);
    }
    if (size == 0) {
      state = State.TRAILERS;
      return;
    }
    checkBodyLength(body.readableBytes() + size);
    remaining = size;
    state = State.CHUNK_DATA;
  }

  private void append(ByteBuf in, int n, ByteBufAllocator alloc) {
    long total = (long) body.readableBytes() + n;
    checkBodyLength(total);
    if (body == smallBody && total > smallBody.maxCapacity()) {
      ByteBuf large = alloc.buffer((int) Math.max(total, 2L * smallBody.readableBytes()));
      large.writeBytes(smallBody);
      smallBody.clear();
      body = large;
    }
    body.writeBytes(in, n);
  }

  private void checkBodyLength(long length) {
    if (length > maxBodyBytes) {
      throw tooLong();
    }
  }

  private TooLongFrameException tooLong() {
    return new TooLongFrameException("response entity larger than " + maxBodyBytes + " bytes");
  }
}
