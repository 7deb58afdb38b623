package io.camerabridge.config;

import java.time.Duration;

/**
 * GigE Vision transport settings; ignored for USB3 Vision cameras. A null duration means "leave the
 * camera's or Aravis's value".
 *
 * @param packetSize {@code auto} (default) or bytes, 576..16000
 * @param packetDelay inter-packet delay ({@code GevSCPD}), to spread bursts on shared links
 * @param socketBuffer {@code auto} (one frame) or a size, 64KiB..256MiB; default {@link
 *     SocketBuffer#DEFAULT}
 * @param packetSocket receive with a packet socket (needs CAP_NET_RAW), default false
 * @param packetTimeout how long Aravis waits for a missing packet before asking for a resend
 * @param frameRetention how long Aravis keeps an incomplete frame before giving up on it
 * @param packetResend whether to ask the camera to resend lost packets, default true
 */
public record GigeConfig(
    PacketSize packetSize,
    Duration packetDelay,
    SocketBuffer socketBuffer,
    Boolean packetSocket,
    Duration packetTimeout,
    Duration frameRetention,
    Boolean packetResend) {

  /** All defaults. */
  public static final GigeConfig DEFAULTS =
      new GigeConfig(null, null, null, null, null, null, null);

  /** Fills in defaults. */
  public GigeConfig {
    packetSize = packetSize == null ? PacketSize.AUTO : packetSize;
    socketBuffer = socketBuffer == null ? SocketBuffer.DEFAULT : socketBuffer;
    packetSocket = packetSocket != null && packetSocket;
    packetResend = packetResend == null || packetResend;
  }
}
