package io.camerabridge.pekat.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request shape the client writes passes the frame memory through the HTTP encoder untouched:
 * what reaches the transport is a view of the same native address, not a copy.
 */
class ZeroCopyWriteTest {

  @Test
  void encoderPassesTheNativeFrameThroughWithoutACopy() {
    AtomicInteger releases = new AtomicInteger();
    FrameInfo info = new FrameInfo("cam", 1, 1, 0, 0, 640, 480, RawLayout.GRAY8);
    FrameLease frame =
        new FrameLeases()
            .lease(info, ByteBuffer.allocateDirect(640 * 480), releases::incrementAndGet);
    RequestFactory requests =
        new RequestFactory(PekatEndpoint.builder("http://pekat.test:8000").build());
    RequestFactory.Target target = requests.raw(frame, null);
    EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec());

    channel.write(requests.head(target, frame.readableBytes()));
    channel.write(frame.retainedDuplicate());
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);

    ByteBuf head = channel.readOutbound();
    String headText = head.toString(StandardCharsets.US_ASCII);
    head.release();
    assertThat(headText)
        .startsWith(
            "POST /analyze_raw_image?width=640&height=480&response_type=context HTTP/1.1\r\n")
        .contains("content-length: 307200\r\n")
        .contains("host: pekat.test:8000\r\n");
    ByteBuf body = channel.readOutbound();
    assertThat(body.memoryAddress()).isEqualTo(frame.memoryAddress());
    assertThat(body.readableBytes()).isEqualTo(640 * 480);
    body.release();
    ByteBuf last = channel.readOutbound();
    if (last != null) {
      assertThat(last.readableBytes()).isZero();
      last.release();
    }
    assertThat(releases).hasValue(0);

    frame.release();
    assertThat(releases).hasValue(1);
    channel.finishAndReleaseAll();
  }
}
