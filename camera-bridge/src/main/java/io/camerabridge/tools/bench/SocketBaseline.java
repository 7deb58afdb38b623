package io.camerabridge.tools.bench;

import io.camerabridge.tools.bench.NativeFramePool.PooledFrame;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The physical limit of this path on this machine: a blocking {@link SocketChannel} per lane over
 * one keep-alive connection, sending the same request head as the bridge and the body straight from
 * the frame's native memory, then reading the response with Content-Length framing. No HTTP
 * library, no per-frame allocation.
 */
final class SocketBaseline implements LoadTarget {

  private static final int RESPONSE_BUFFER_BYTES = 64 * 1024;

  private final AnalyzerAddress address;
  private final FrameShape shape;

  SocketBaseline(AnalyzerAddress address, FrameShape shape) {
    this.address = address;
    this.shape = shape;
  }

  @Override
  public String name() {
    return "socket";
  }

  @Override
  public Lane openLane() throws IOException {
    SocketChannel channel = SocketChannel.open(address.socketAddress());
    channel.socket().setTcpNoDelay(true);
    return new SocketLane(channel, requestHead());
  }

  private ByteBuffer requestHead() {
    String head =
        "POST "
            + shape.analyzeRawPathAndQuery()
            + " HTTP/1.1\r\n"
            + "Host: "
            + address.hostHeader()
            + "\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Length: "
            + shape.bodyBytes()
            + "\r\n"
            + "User-Agent: camera-bridge\r\n\r\n";
    byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  @Override
  public void close() {}

  private static final class SocketLane implements Lane {
    private final SocketChannel channel;
    private final ByteBuffer head;
    private final ByteBuffer response = ByteBuffer.allocateDirect(RESPONSE_BUFFER_BYTES);

    SocketLane(SocketChannel channel, ByteBuffer head) {
      this.channel = channel;
      this.head = head;
    }

    @Override
    public void exchange(PooledFrame frame) throws IOException {
      try {
        writeFully(head.rewind());
        writeFully(frame.memory());
      } finally {
        frame.release();
      }
      readResponse();
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    private void readResponse() throws IOException {
      response.clear();
      int headEnd = -1;
      while (headEnd < 0) {
        if (!response.hasRemaining()) {
          throw new IOException(
              "response head exceeds " + RESPONSE_BUFFER_BYTES + " bytes; is --url an analyzer?");
        }
        readSome();
        headEnd = ResponseHead.endOfHead(response);
      }
      int status = ResponseHead.status(response);
      long contentLength = ResponseHead.contentLength(response, headEnd);
      if (status != 200) {
        throw new IOException("analyzer answered HTTP " + status + " to the socket baseline");
      }
      long bodyRead = response.position() - headEnd;
      while (bodyRead < contentLength) {
        response.clear();
        bodyRead += readSome();
      }
      if (bodyRead != contentLength) {
        throw new IOException(
            "analyzer sent " + bodyRead + " body bytes after Content-Length " + contentLength);
      }
    }

    private int readSome() throws IOException {
      int n = channel.read(response);
      if (n < 0) {
        throw new EOFException("analyzer closed the connection before the response was complete");
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
