package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {

  private static ByteBuffer received(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(bytes.length + 16).put(bytes);
  }

  @Test
  void findsStatusAndContentLengthCaseInsensitively() throws IOException {
    ByteBuffer buffer = received("HTTP/1.1 200 OK\r\nX-A: b\r\ncOnTeNt-LeNgTh:  42\r\n\r\n{\"a\"");
    int end = ResponseHead.endOfHead(buffer);

    assertThat(end).isEqualTo(buffer.position() - 4);
    assertThat(ResponseHead.status(buffer)).isEqualTo(200);
    assertThat(ResponseHead.contentLength(buffer, end)).isEqualTo(42);
  }

  @Test
  void anIncompleteHeadHasNoEnd() {
    assertThat(ResponseHead.endOfHead(received("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n")))
        .isEqualTo(-1);
  }

  @Test
  void chunkedResponsesAreRejectedWithTheReason() {
    ByteBuffer buffer = received("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    int end = ResponseHead.endOfHead(buffer);

    assertThatThrownBy(() -> ResponseHead.contentLength(buffer, end))
        .hasMessageContaining("needs Content-Length framing");
  }

  @Test
  void nonHttpAnswersAreRejected() {
    assertThatThrownBy(() -> ResponseHead.status(received("SSH-2.0-OpenSSH_9.2\r\n\r\n")))
        .hasMessageContaining("HTTP/1.x status line");
  }
}
