package io.camerabridge.pekat.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.frame.FrameInfo;
import io.camerabridge.frame.FrameLease;
import io.camerabridge.frame.FrameLeases;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The client's own connection pipeline ({@link ClientPipeline#install}) and its own request write
 * ({@link ClientPipeline#writeRequest}) pass the frame memory to the transport untouched: what
 * leaves the pipeline is a view of the same native address, not a copy. A handler that copied the
 * body (an aggregator on the way out, a heap conversion) would fail the address check.
 */
class ZeroCopyWriteTest {

  @Test
  void theClientPipelinePassesTheNativeFrameThroughWithoutACopy() {
    AtomicInteger releases = new AtomicInteger();
    FrameInfo info = new FrameInfo("cam", 1, 1, 0, 0, 640, 480, RawLayout.GRAY8);
    FrameLease frame =
        new FrameLeases()
            .lease(info, ByteBuffer.allocateDirect(640 * 480), releases::incrementAndGet);
    PekatEndpoint endpoint = PekatEndpoint.builder("http://pekat.test:8000").build();
    RequestFactory requests = new RequestFactory(endpoint);
    RequestFactory.Target target = requests.raw(frame, null);
    EmbeddedChannel channel = new EmbeddedChannel();
    ClientPipeline.install(
        channel, Optional.empty(), endpoint.host(), endpoint.port(), endpoint.maxResponseBytes());
    assertThat(channel.pipeline().get(HttpRequestEncoder.class)).isNotNull();
    AtomicReference<ChannelFuture> written = new AtomicReference<>();

    ClientPipeline.writeRequest(
        channel,
        requests.head(target, frame.readableBytes()),
        channel.newProgressivePromise(),
        frame.retainedDuplicate(),
        written::set);

    ByteBuf head = channel.readOutbound();
    String headText = head.toString(StandardCharsets.US_ASCII);
    head.release();
    assertThat(headText)
        .startsWith(
            "POST /analyze_raw_image?width=640&height=480&response_type=context HTTP/1.1\r\n")
        .contains("content-length: 307200\r\n")
        .contains("host: pekat.test:8000\r\n");
    ByteBuf body = channel.readOutbound();
    assertThat(body.isDirect()).isTrue();
    assertThat(body.memoryAddress()).isEqualTo(frame.memoryAddress());
    assertThat(body.readableBytes()).isEqualTo(640 * 480);
    body.release();
    ByteBuf last = channel.readOutbound();
    if (last != null) {
      assertThat(last.readableBytes()).isZero();
      last.release();
    }
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(written.get()).isNotNull();
    assertThat(written.get().isSuccess()).isTrue();
    assertThat(releases).hasValue(0);

    frame.release();
    assertThat(releases).hasValue(1);
    channel.finishAndReleaseAll();
  }
}
