package io.camerabridge.bindings.aravis;

/** How a buffer left the stream ({@code ArvBufferStatus}); only {@link #SUCCESS} is a frame. */
public enum BufferStatus {
  UNKNOWN(-1),
  SUCCESS(0),
  CLEARED(1),
  /** The frame did not complete before the frame-retention time. */
  TIMEOUT(2),
  MISSING_PACKETS(3),
  WRONG_PACKET_ID(4),
  /** The buffer was smaller than the payload (PayloadSize changed after allocation). */
  SIZE_MISMATCH(5),
  FILLING(6),
  ABORTED(7);

  private final int code;

  BufferStatus(int code) {
    this.code = code;
  }

  /** The C value. */
  public int code() {
    return code;
  }

  static BufferStatus fromCode(int code) {
    for (BufferStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
