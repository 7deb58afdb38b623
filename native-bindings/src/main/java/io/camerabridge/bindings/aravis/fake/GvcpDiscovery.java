package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends one GigE Vision control protocol (GVCP) DISCOVERY_CMD to a single address and reads the
 * identity from the acknowledgement.
 *
 * <p>Plain UDP on purpose: the launcher must be able to tell whether a camera answers without going
 * through Aravis's global device list (which broadcasts on every interface and waits a full second
 * per call).
 */
final class GvcpDiscovery {
  /** UDP port of the GVCP control channel (GigE Vision 2.0, section 7). */
  static final int GVCP_PORT = 3956;

  private static final int KEY = 0x42;
  private static final int FLAG_ACK_REQUIRED = 0x01;
  private static final int DISCOVERY_CMD = 0x0002;
  private static final int DISCOVERY_ACK = 0x0003;
  private static final int HEADER = 8;
  // Offsets of the bootstrap registers carried in the DISCOVERY_ACK payload.
  private static final int MANUFACTURER = 0x48;
  private static final int MODEL = 0x68;
  private static final int SERIAL = 0xd8;

  /** Identity a camera reports in its discovery acknowledgement. */
  record Reply(String manufacturer, String model, String serial) {}

  private GvcpDiscovery() {}

  /** Returns the reply of the camera at {@code address}, or empty when none came in time. */
  static Optional<Reply> discover(InetAddress address, Duration timeout) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0))) {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      ByteBuffer cmd = ByteBuffer.allocate(HEADER);
      cmd.put((byte) KEY).put((byte) FLAG_ACK_REQUIRED).putShort((short) DISCOVERY_CMD);
      cmd.putShort((short) 0).putShort((short) 1);
      socket.send(new DatagramPacket(cmd.array(), HEADER, address, GVCP_PORT));
      byte[] in = new byte[1024];
      DatagramPacket packet = new DatagramPacket(in, in.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      ByteBuffer ack = ByteBuffer.wrap(in, 0, packet.getLength());
      if (packet.getLength() < HEADER + SERIAL + 16
          || (ack.getShort(2) & 0xffff) != DISCOVERY_ACK) {
        return Optional.empty();
      }
      return Optional.of(
          new Reply(
              text(in, HEADER + MANUFACTURER, 32),
              text(in, HEADER + MODEL, 32),
              text(in, HEADER + SERIAL, 16)));
    }
  }

  private static String text(byte[] data, int offset, int max) {
    int end = offset;
    while (end < offset + max && data[end] != 0) {
      end++;
    }
    return new String(data, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
