package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Reads and writes one 32-bit device register over plain GVCP (READREG_CMD / WRITEREG_CMD, GigE
 * Vision 2.0 section 16), bypassing Aravis.
 *
 * <p>Tests use it to check what the bridge wrote through the feature API: the fake device answers
 * READREG for any sender, also while another client holds control. A WRITEREG from a client that is
 * not the controller is dropped without an answer, so writes only work before anyone opened the
 * camera.
 */
final class GvcpRegisters {
  private static final int KEY = 0x42;
  private static final int FLAG_ACK_REQUIRED = 0x01;
  private static final int READREG_CMD = 0x0080;
  private static final int READREG_ACK = 0x0081;
  private static final int WRITEREG_CMD = 0x0082;
  private static final int WRITEREG_ACK = 0x0083;
  private static final int HEADER = 8;
  private static final int ATTEMPTS = 3;

  private GvcpRegisters() {}

  /** Value of the register at {@code address} (a multiple of 4). */
  static int read(InetAddress camera, int address, Duration timeout) throws IOException {
    ByteBuffer cmd = command(READREG_CMD, 4);
    cmd.putInt(address);
    ByteBuffer ack = exchange(camera, cmd, READREG_ACK, timeout, "READREG", address);
    return ack.getInt(HEADER);
  }

  /** Writes {@code value} to the register at {@code address}; fails if the device did not ack. */
  static void write(InetAddress camera, int address, int value, Duration timeout)
      throws IOException {
    ByteBuffer cmd = command(WRITEREG_CMD, 8);
    cmd.putInt(address).putInt(value);
    exchange(camera, cmd, WRITEREG_ACK, timeout, "WRITEREG", address);
  }

  private static ByteBuffer command(int command, int payload) {
    ByteBuffer cmd = ByteBuffer.allocate(HEADER + payload);
    cmd.put((byte) KEY).put((byte) FLAG_ACK_REQUIRED).putShort((short) command);
    return cmd.putShort((short) payload).putShort((short) 1);
  }

  private static ByteBuffer exchange(
      InetAddress camera, ByteBuffer cmd, int ackType, Duration timeout, String what, int address)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0))) {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      byte[] in = new byte[64];
      // UDP: a lost command or answer is retried, as Aravis itself does.
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        socket.send(
            new DatagramPacket(cmd.array(), cmd.capacity(), camera, GvcpDiscovery.GVCP_PORT));
        DatagramPacket packet = new DatagramPacket(in, in.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        ByteBuffer ack = ByteBuffer.wrap(in, 0, packet.getLength());
        int status = ack.getShort(0) & 0xffff;
        if (packet.getLength() >= HEADER + 4 && (ack.getShort(2) & 0xffff) == ackType) {
          if (status != 0) {
            throw new IOException(
                String.format("%s 0x%04x answered status 0x%04x", what, address, status));
          }
          return ack;
        }
      }
      throw new IOException(
          String.format(
              "%s 0x%04x on %s: no answer after %d attempts (a WRITEREG is ignored while another"
                  + " client holds control)",
              what, address, camera.getHostAddress(), ATTEMPTS));
    }
  }
}
