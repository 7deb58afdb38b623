package io.camerabridge.tools.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.tools.sim.analysis.Analysis;
import io.camerabridge.tools.sim.analysis.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * The most recently analysed image, for {@code GET /last_image}. Holds one reference to the pixel
 * buffer (the request body itself, not a copy); replacing or closing releases it.
 */
final class LastImage implements AutoCloseable {
  /** One stored image; {@link #close()} gives back the reference taken by {@link #get()}. */
  record Snapshot(Frame frame, Analysis analysis, ObjectNode context, ByteBuf owner)
      implements AutoCloseable {
    @Override
    public void close() {
      owner.release();
    }
  }

  private Snapshot current;
  private boolean closed;

  /**
   * Stores an image, taking one new reference to {@code owner}.
   *
   * @param analysis {@code null} when the image was not analysed (processing off or discard)
   */
  synchronized void store(Frame frame, Analysis analysis, ObjectNode context, ByteBuf owner) {
    if (closed) {
      return;
    }
    Snapshot previous = current;
    current = new Snapshot(frame, analysis, context, owner.retain());
    if (previous != null) {
      previous.owner().release();
    }
  }

  /** The stored image with an extra reference for the caller to close, or {@code null}. */
  synchronized Snapshot get() {
    if (current == null) {
      return null;
    }
    current.owner().retain();
    return current;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (current != null) {
      ReferenceCounted owner = current.owner();
      current = null;
      owner.release();
    }
  }
}
