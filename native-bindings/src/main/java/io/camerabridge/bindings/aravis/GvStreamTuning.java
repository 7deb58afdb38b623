package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.ArvCameraGvFunctions;
import io.camerabridge.bindings.raw.ArvStreamHandle;
import java.time.Duration;

/** Writes {@link StreamOptions} onto an {@code ArvGvStream}'s GObject properties. */
final class GvStreamTuning {
  private GvStreamTuning() {}

  static void apply(ArvStreamHandle stream, StreamOptions o) {
    SocketBuffer sb = o.socketBuffer();
    GObjectProperties.set(
        stream,
        "socket-buffer",
        sb.auto()
            ? ArvCameraGvFunctions.ARV_GV_STREAM_SOCKET_BUFFER_AUTO
            : ArvCameraGvFunctions.ARV_GV_STREAM_SOCKET_BUFFER_FIXED);
    GObjectProperties.set(stream, "socket-buffer-size", sb.bytes());
    micros(stream, "packet-timeout", o.packetTimeout());
    micros(stream, "initial-packet-timeout", o.initialPacketTimeout());
    micros(stream, "frame-retention", o.frameRetention());
    if (o.packetResend() != null) {
      GObjectProperties.set(
          stream,
          "packet-resend",
          o.packetResend()
              ? ArvCameraGvFunctions.ARV_GV_STREAM_PACKET_RESEND_ALWAYS
              : ArvCameraGvFunctions.ARV_GV_STREAM_PACKET_RESEND_NEVER);
    }
    if (o.packetRequestRatio() != null) {
      GObjectProperties.set(stream, "packet-request-ratio", o.packetRequestRatio());
    }
  }

  private static void micros(ArvStreamHandle stream, String property, Duration value) {
    if (value != null) {
      GObjectProperties.set(stream, property, value.toNanos() / 1000);
    }
  }
}
