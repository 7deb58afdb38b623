package io.camerabridge.config;

/**
 * The receive socket buffer of a GigE Vision stream: {@code auto} (Aravis sizes it from the frame
 * size) or a fixed size. The kernel caps it at {@code net.core.rmem_max}.
 *
 * @param size the fixed size, or null for {@code auto}
 */
public record SocketBuffer(DataSize size) {
  /** Let Aravis size the buffer (one frame). */
  public static final SocketBuffer AUTO = new SocketBuffer(null);

  /**
   * The default: room for several frames, so a receive thread that is late by a few frame periods
   * (a loaded host, a GC pause next to it) loses nothing. Aravis's {@code auto} holds one frame,
   * which at line rate lost a third of the frames in {@code bench e2e} (docs/benchmarks.md).
   */
  public static final SocketBuffer DEFAULT = new SocketBuffer(DataSize.ofMebibytes(16));

  /** Whether Aravis sizes the buffer. */
  public boolean isAuto() {
    return size == null;
  }

  @Override
  public String toString() {
    return isAuto() ? "auto" : size.toString();
  }
}
