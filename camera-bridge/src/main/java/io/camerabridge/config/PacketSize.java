package io.camerabridge.config;

/**
 * The GigE Vision stream packet size: {@code auto} (Aravis negotiates the largest size the path
 * carries) or a fixed number of bytes.
 *
 * @param bytes the fixed size, or 0 for {@code auto}
 */
public record PacketSize(int bytes) {
  /** Negotiate automatically. */
  public static final PacketSize AUTO = new PacketSize(0);

  /** Smallest size accepted: an IPv4 minimum datagram. */
  public static final int MIN = 576;

  /** Largest size accepted: beyond any jumbo frame in use. */
  public static final int MAX = 16_000;

  /** Whether Aravis should negotiate the size. */
  public boolean isAuto() {
    return bytes == 0;
  }

  @Override
  public String toString() {
    return isAuto() ? "auto" : Integer.toString(bytes);
  }
}
