package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvCameraGvFunctions;
import java.time.Duration;

/**
 * GigE Vision transport options of one camera ({@link Camera#gige()}). Packet size and the
 * packet-socket choice are read by Aravis when the stream is created, so they can only be changed
 * while the camera has no open stream.
 */
public final class GigeOptions {
  private final Camera owner;
  private final CameraAccess camera;
  private final Aravis arv = AravisLibrary.aravis();
  private volatile boolean packetSocketEnabled = true;

  GigeOptions(Camera owner, CameraAccess camera) {
    this.owner = owner;
    this.camera = camera;
  }

  /** Current GVSP packet size in bytes. */
  public int packetSize() {
    return camera.call(
        () -> "Reading the packet size of " + camera.id(), arv::arv_camera_gv_get_packet_size);
  }

  /**
   * Sets a fixed GVSP packet size in bytes (above ~1500 needs jumbo frames: MTU raised on the host
   * NIC and every switch).
   */
  public void setPacketSize(int bytes) {
    requireNoStream("packet size");
    camera.run(
        () -> "Setting packet size " + bytes + " on " + camera.id(),
        (h, e) -> arv.arv_camera_gv_set_packet_size(h, bytes, e));
  }

  /**
   * Negotiates the largest packet size the path carries (test packets with don't-fragment) and sets
   * it; returns the size in bytes.
   */
  public int negotiatePacketSize() {
    requireNoStream("packet size");
    return camera.call(
        () -> "Negotiating the packet size of " + camera.id(), arv::arv_camera_gv_auto_packet_size);
  }

  /** Inter-packet delay (spreads bandwidth when several cameras share a link). */
  public Duration packetDelay() {
    long ns =
        camera.call(
            () -> "Reading the packet delay of " + camera.id(),
            arv::arv_camera_gv_get_packet_delay);
    return Duration.ofNanos(ns);
  }

  /** Sets the inter-packet delay. */
  public void setPacketDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("Packet delay must not be negative, was " + delay);
    }
    camera.run(
        () -> "Setting packet delay " + delay + " on " + camera.id(),
        (h, e) -> arv.arv_camera_gv_set_packet_delay(h, delay.toNanos(), e));
  }

  /**
   * Whether the stream may use a Linux packet socket (PF_PACKET ring). Aravis uses it by default
   * when the process has CAP_NET_RAW, else it falls back to a plain UDP socket silently.
   */
  public boolean isPacketSocketEnabled() {
    return packetSocketEnabled;
  }

  /**
   * Allows or forbids the packet socket for streams created afterwards.
   *
   * @throws IllegalStateException if the camera has an open stream (Aravis would ignore it)
   */
  public void setPacketSocketEnabled(boolean enabled) {
    synchronized (camera.lock()) {
      requireNoStream("packet socket");
      camera.run(
          () -> "Setting stream options on " + camera.id(),
          (h, e) ->
              arv.arv_camera_gv_set_stream_options(
                  h,
                  enabled
                      ? ArvCameraGvFunctions.ARV_GV_STREAM_OPTION_NONE
                      : ArvCameraGvFunctions.ARV_GV_STREAM_OPTION_PACKET_SOCKET_DISABLED));
      packetSocketEnabled = enabled;
    }
  }

  /** Number of stream channels the camera offers. */
  public int streamChannelCount() {
    return camera.call(
        () -> "Reading stream channels of " + camera.id(),
        arv::arv_camera_gv_get_n_stream_channels);
  }

  private void requireNoStream(String what) {
    if (owner.hasOpenStream()) {
      throw new IllegalStateException(
          "The "
              + what
              + " of "
              + camera.id()
              + " is read when the stream is created; close the stream, set it, create a new one");
    }
  }
}
