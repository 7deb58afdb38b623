package io.camerabridge.config;

/**
 * The receive socket buffer of a GigE Vision stream: {@code auto} (Aravis sizes it from the frame
 * size) or a fixed size. The kernel caps it at {@code net.core.rmem_max}.
 *
 * @param size the fixed size, or null for {@code auto}
 */
public record SocketBuffer(DataSize size) {
  /** Let Aravis size the buffer. */
  public static final SocketBuffer AUTO = new SocketBuffer(null);

  /** Whether Aravis sizes the buffer. */
  public boolean isAuto() {
    return size == null;
  }

  @Override
  public String toString() {
    return isAuto() ? "auto" : size.toString();
  }
}
