package io.camerabridge.frame;

import io.camerabridge.pekat.RawFrame;
import io.camerabridge.pekat.RawLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One frame on its way from the camera's stream to PEKAT's socket: the frame's memory (an Aravis
 * buffer, or a conversion buffer when the frame had to be copied), its {@link FrameInfo}, and the
 * right to give the memory back. It is itself the Netty {@link ByteBuf} the client writes, and the
 * {@link RawFrame} the client is given, so the object popped from the stream is the one on the
 * wire: no conversion between hops.
 *
 * <p>The one release guard is Netty's reference count. When it drops to zero — the socket wrote the
 * last byte, a failed or closed channel discarded the write, or the pipeline dropped the frame —
 * Netty calls {@link #deallocate()} exactly once, which gives the memory back to its owner (for
 * Aravis: push the buffer back to its stream). That may happen on any thread, usually a Netty event
 * loop; the give-back never blocks. Netty never frees the wrapped memory itself.
 *
 * <p>The buffer is fixed-size and covers exactly the body ({@link FrameInfo#bodyLength()}), so it
 * can never move off the native memory, and trailing or padding bytes are never sent. Equality is
 * identity (a {@code ByteBuf} would compare contents, which are gone once given back).
 */
public final class FrameLease extends UnpooledUnsafeDirectByteBuf implements RawFrame {
  private static final Logger LOG = LoggerFactory.getLogger(FrameLease.class);

  private final FrameInfo info;
  private final FrameLeases owner;
  private final Runnable giveBack;

  /** {@code body} is checked by {@link FrameLeases#lease}: direct, writable, exactly the body. */
  FrameLease(FrameInfo info, ByteBuffer body, FrameLeases owner, Runnable giveBack) {
    // The protected constructor slices the view (position..limit), never frees it, and sets the
    // writer index to the end, so the whole body is readable.
    super(UnpooledByteBufAllocator.DEFAULT, body, body.remaining());
    this.info = info;
    this.owner = owner;
    this.giveBack = giveBack;
  }

  /** The frame's metadata; valid for good, also after the memory went back. */
  public FrameInfo info() {
    return info;
  }

  /** {@link FrameInfo#sequence()}. */
  public long sequence() {
    return info.sequence();
  }

  /** {@link FrameInfo#frameId()}. */
  public long frameId() {
    return info.frameId();
  }

  /** This lease: the body PEKAT receives. */
  @Override
  public ByteBuf pixels() {
    return this;
  }

  @Override
  public int width() {
    return info.width();
  }

  @Override
  public int height() {
    return info.height();
  }

  @Override
  public RawLayout layout() {
    return info.layout();
  }

  /** Whether the memory is back with its owner (the last reference was released). */
  public boolean isReturned() {
    return refCnt() == 0;
  }

  @Override
  protected void deallocate() {
    try {
      super.deallocate();
    } finally {
      try {
        giveBack.run();
      } catch (RuntimeException | Error e) {
        // Throwing here would surface inside Netty's write path, far from the owner's code.
        LOG.error(
            "Giving back the memory of frame {} failed; the owner's buffer may be lost",
            info.sequence(),
            e);
      } finally {
        owner.returned();
      }
    }
  }

  /** The memory belongs to the frame's owner: a resize would silently copy it to Netty memory. */
  @Override
  public ByteBuf capacity(int newCapacity) {
    if (newCapacity != capacity()) {
      throw new UnsupportedOperationException(
          "a frame lease has a fixed size of " + capacity() + " bytes");
    }
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "FrameLease[camera="
        + info.cameraId()
        + ", sequence="
        + info.sequence()
        + ", frameId="
        + info.frameId()
        + ", "
        + info.width()
        + "x"
        + info.height()
        + " "
        + info.layout()
        + ", refCnt="
        + refCnt()
        + "]";
  }
}
