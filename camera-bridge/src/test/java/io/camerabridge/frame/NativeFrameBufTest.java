package io.camerabridge.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeFrameBufTest {
  final AtomicInteger releases = new AtomicInteger();

  @Test
  void readsTheWrappedMemoryInPlace() {
    ByteBuffer memory = ByteBuffer.allocateDirect(16);
    NativeFrameBuf buf = NativeFrameBuf.wrap(memory, releases::incrementAndGet);

    memory.put(3, (byte) 42);

    assertThat(buf.readableBytes()).isEqualTo(16);
    assertThat(buf.getByte(3)).isEqualTo((byte) 42);
    assertThat(buf.hasMemoryAddress()).isTrue();
    assertThat(buf.isDirect()).isTrue();
    buf.release();
  }

  @Test
  void wrapsOnlyPositionToLimit() {
    ByteBuffer memory = ByteBuffer.allocateDirect(16);
    memory.put(4, (byte) 7).position(4).limit(12);

    NativeFrameBuf buf = NativeFrameBuf.wrap(memory, releases::incrementAndGet);

    assertThat(buf.readableBytes()).isEqualTo(8);
    assertThat(buf.getByte(0)).isEqualTo((byte) 7);
    buf.release();
  }

  @Test
  void runsTheReleaseActionOnceWhenTheLastReferenceGoes() {
    NativeFrameBuf buf =
        NativeFrameBuf.wrap(ByteBuffer.allocateDirect(8), releases::incrementAndGet);
    ByteBuf attempt1 = buf.retainedDuplicate();
    ByteBuf attempt2 = buf.retainedDuplicate();

    buf.release();
    attempt1.release();
    assertThat(releases).hasValue(0);
    assertThat(buf.isReturned()).isFalse();

    attempt2.release();
    assertThat(releases).hasValue(1);
    assertThat(buf.isReturned()).isTrue();
    assertThat(buf.refCnt()).isZero();
  }

  @Test
  void concurrentReleasesRunTheActionOnce() throws Exception {
    int threads = 8;
    NativeFrameBuf buf =
        NativeFrameBuf.wrap(ByteBuffer.allocateDirect(8), releases::incrementAndGet);
    buf.retain(threads - 1);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return buf.release();
                }));
      }
      go.countDown();
      int last = 0;
      for (Future<Boolean> r : results) {
        last += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(last).isEqualTo(1);
      assertThat(releases).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingReleaseActionDoesNotEscapeIntoTheReleaser() {
    NativeFrameBuf buf =
        NativeFrameBuf.wrap(
            ByteBuffer.allocateDirect(8),
            () -> {
              releases.incrementAndGet();
              throw new IllegalStateException("stream gone");
            });

    assertThat(buf.release()).isTrue();
    assertThat(releases).hasValue(1);
    assertThat(buf.isReturned()).isTrue();
  }

  @Test
  void rejectsMemoryItCannotSendWithoutACopy() {
    assertThatThrownBy(() -> NativeFrameBuf.wrap(ByteBuffer.allocate(8), releases::incrementAndGet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("direct");
    assertThatThrownBy(
            () ->
                NativeFrameBuf.wrap(
                    ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), releases::incrementAndGet))
        .hasMessageContaining("read-only");
    assertThatThrownBy(
            () ->
                NativeFrameBuf.wrap(
                    ByteBuffer.allocateDirect(8).position(8), releases::incrementAndGet))
        .hasMessageContaining("empty");
    assertThat(releases).hasValue(0);
  }

  @Test
  void cannotBeResizedOffTheNativeMemory() {
    NativeFrameBuf buf =
        NativeFrameBuf.wrap(ByteBuffer.allocateDirect(8), releases::incrementAndGet);
    try {
      assertThatThrownBy(() -> buf.capacity(16)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> buf.capacity(4)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> buf.writeByte(1)).isInstanceOf(IndexOutOfBoundsException.class);
    } finally {
      buf.release();
    }
  }

  @Test
  void frameLeasesCountOutstandingFrames() {
    FrameLeases leases = new FrameLeases();
    NativeFrameBuf a = leases.wrap(ByteBuffer.allocateDirect(8), releases::incrementAndGet);
    NativeFrameBuf b = leases.wrap(ByteBuffer.allocateDirect(8), releases::incrementAndGet);
    assertThat(leases.outstanding()).isEqualTo(2);

    a.release();
    assertThat(leases.outstanding()).isEqualTo(1);
    assertThat(leases.returnedTotal()).isEqualTo(1);

    b.release();
    assertThat(leases.outstanding()).isZero();
    assertThat(leases.wrappedTotal()).isEqualTo(2);
    assertThat(releases).hasValue(2);
  }

  @Test
  void frameLeasesCountNothingWhenWrappingFails() {
    FrameLeases leases = new FrameLeases();
    assertThatThrownBy(() -> leases.wrap(ByteBuffer.allocate(8), releases::incrementAndGet))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(leases.outstanding()).isZero();
    assertThat(leases.wrappedTotal()).isZero();
  }
}
