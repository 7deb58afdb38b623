package io.camerabridge.bindings.aravis;

/**
 * Receive buffer of a GigE Vision stream's UDP socket (stream properties {@code socket-buffer} and
 * {@code socket-buffer-size}). The kernel caps any size at {@code net.core.rmem_max}: raise it on
 * the host (16 MiB) or large frames lose packets.
 *
 * @param auto AUTO mode: Aravis sizes SO_RCVBUF from the frame size; FIXED: exactly {@code bytes}
 * @param bytes FIXED: SO_RCVBUF in bytes (0 = kernel default); AUTO: upper limit, 0 = none
 */
public record SocketBuffer(boolean auto, int bytes) {
  public SocketBuffer {
    if (bytes < 0) {
      throw new IllegalArgumentException("Socket buffer size must not be negative, was " + bytes);
    }
  }

  /** AUTO: sized from the payload, limited only by {@code net.core.rmem_max}. */
  public static SocketBuffer automatic() {
    return new SocketBuffer(true, 0);
  }

  /** A fixed SO_RCVBUF size in bytes. */
  public static SocketBuffer fixed(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("Fixed socket buffer must be positive, was " + bytes);
    }
    return new SocketBuffer(false, bytes);
  }

  /** Aravis's default: the kernel's {@code net.core.rmem_default} (usually far too small). */
  public static SocketBuffer kernelDefault() {
    return new SocketBuffer(false, 0);
  }
}
