package io.camerabridge.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.pekat.RawLayout;
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

class FrameLeaseTest {
  final AtomicInteger releases = new AtomicInteger();
  final FrameLeases leases = new FrameLeases();

  /** A lease over {@code memory}'s remaining bytes as a one-row GRAY8 image. */
  private FrameLease lease(ByteBuffer memory) {
    return lease(memory, releases::incrementAndGet);
  }

  private FrameLease lease(ByteBuffer memory, Runnable giveBack) {
    FrameInfo info =
        new FrameInfo(
            "cam", leases.nextSequence(), 7, 1, 2, memory.remaining(), 1, RawLayout.GRAY8);
    return leases.lease(info, memory, giveBack);
  }

  @Test
  void readsTheWrappedMemoryInPlace() {
    ByteBuffer memory = ByteBuffer.allocateDirect(16);
    FrameLease buf = lease(memory);

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

    FrameLease buf = lease(memory);

    assertThat(buf.readableBytes()).isEqualTo(8);
    assertThat(buf.getByte(0)).isEqualTo((byte) 7);
    buf.release();
  }

  @Test
  void runsTheReleaseActionOnceWhenTheLastReferenceGoes() {
    FrameLease buf = lease(ByteBuffer.allocateDirect(8));
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
    FrameLease buf = lease(ByteBuffer.allocateDirect(8));
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
    FrameLease buf =
        lease(
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
    assertThatThrownBy(() -> lease(ByteBuffer.allocate(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("direct");
    assertThatThrownBy(() -> lease(ByteBuffer.allocateDirect(8).asReadOnlyBuffer()))
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> lease(ByteBuffer.allocateDirect(8).position(8)))
        .hasMessageContaining("positive");
    assertThat(releases).hasValue(0);
  }

  @Test
  void cannotBeResizedOffTheNativeMemory() {
    FrameLease buf = lease(ByteBuffer.allocateDirect(8));
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
    FrameLease a = lease(ByteBuffer.allocateDirect(8));
    FrameLease b = lease(ByteBuffer.allocateDirect(8));
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
  void frameLeasesCountNothingWhenLeasingFails() {
    assertThatThrownBy(() -> lease(ByteBuffer.allocate(8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(leases.outstanding()).isZero();
    assertThat(leases.wrappedTotal()).isZero();
  }

  @Test
  void aLeaseHoldsExactlyTheBodyItsLayoutNeeds() {
    FrameInfo bgr = new FrameInfo("cam", 1, 7, 1, 2, 4, 2, RawLayout.BGR8);
    assertThatThrownBy(
            () -> leases.lease(bgr, ByteBuffer.allocateDirect(8), releases::incrementAndGet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs exactly 24 bytes but the buffer holds 8");

    FrameLease lease = leases.lease(bgr, ByteBuffer.allocateDirect(24), releases::incrementAndGet);
    assertThat(lease.pixels()).isSameAs(lease);
    assertThat(lease.readableBytes()).isEqualTo(24);
    assertThat(lease.width()).isEqualTo(4);
    assertThat(lease.height()).isEqualTo(2);
    assertThat(lease.layout()).isEqualTo(RawLayout.BGR8);
    lease.release();
    assertThat(releases).hasValue(1);
  }

  @Test
  void sequenceNumbersStartAtOneAndNeverRepeat() {
    FrameLeases own = new FrameLeases();
    assertThat(own.lastSequence()).isZero();
    assertThat(own.nextSequence()).isEqualTo(1);
    assertThat(own.nextSequence()).isEqualTo(2);
    assertThat(own.lastSequence()).isEqualTo(2);
  }

  @Test
  void theMetadataOutlivesTheMemory() {
    FrameLease a = lease(ByteBuffer.allocateDirect(8));
    FrameLease b = lease(ByteBuffer.allocateDirect(8));
    a.release();
    b.release();

    assertThat(a.isReturned()).isTrue();
    assertThat(a.sequence()).isEqualTo(1);
    assertThat(b.sequence()).isEqualTo(2);
    assertThat(b.info().cameraId()).isEqualTo("cam");
    assertThat(b.frameId()).isEqualTo(7);
    // Identity, not contents: a given-back lease can still be a map key or logged.
    assertThat(a).isNotEqualTo(b).hasSameHashCodeAs(a);
    assertThat(a.toString()).contains("sequence=1").contains("refCnt=0");
  }
}
