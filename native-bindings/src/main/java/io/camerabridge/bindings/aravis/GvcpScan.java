package io.camerabridge.bindings.aravis;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every GigE Vision device that answers a broadcast GVCP discovery, one entry per device address.
 *
 * <p>Aravis's own device list cannot tell two cameras with the same serial apart: it keys its table
 * by device id ({@code vendor-model-serial}) and MAC, so a second camera with the same serial (or,
 * on a loopback test link, the same zero MAC) replaces the first and only one is ever listed. This
 * scan reads the acknowledgements itself and keys them by the IP address each device reports, which
 * is what tells the devices apart on the wire.
 */
final class GvcpScan {
  static final int GVCP_PORT = 3956;

  private static final int KEY = 0x42;
  // ACK required, and allow a broadcast acknowledgement (a device with an address outside our
  // subnet can only answer that way).
  private static final int FLAGS = 0x11;
  private static final int DISCOVERY_CMD = 0x0002;
  private static final int DISCOVERY_ACK = 0x0003;
  private static final int HEADER = 8;
  // Offsets of the bootstrap registers carried in the DISCOVERY_ACK payload (GigE Vision 2.0).
  private static final int CURRENT_IP = 0x24;
  private static final int MANUFACTURER = 0x48;
  private static final int MODEL = 0x68;
  private static final int SERIAL = 0xd8;

  /**
   * One answering device.
   *
   * @param address the IP address the device reports for itself
   */
  record Reply(String manufacturer, String model, String serial, String address) {
    /** The id Aravis gives such a device: {@code <manufacturer>-<model>-<serial>}. */
    String deviceId() {
      return manufacturer + "-" + model + "-" + serial;
    }

    String describe() {
      return deviceId() + " (serial " + serial + ", " + address + ")";
    }
  }

  private GvcpScan() {}

  /**
   * Broadcasts one discovery on every IPv4 interface and collects the answers for {@code wait}.
   * Interfaces that refuse the broadcast are skipped; the result may be empty.
   */
  static List<Reply> scan(Duration wait) {
    List<DatagramSocket> sockets = new ArrayList<>();
    try {
      for (InetAddress local : localAddresses()) {
        send(local).ifPresent(sockets::add);
      }
      return collect(sockets, wait);
    } finally {
      sockets.forEach(DatagramSocket::close);
    }
  }

  private static List<InetAddress> localAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()) {
          continue;
        }
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
          if (a.getAddress() instanceof Inet4Address) {
            out.add(a.getAddress());
          }
        }
      }
    } catch (SocketException e) {
      // No interface list: nothing to scan, the open goes on as Aravis decides.
    }
    return out;
  }

  /** A socket on {@code local} that has sent the discovery; empty if the interface refused it. */
  private static Optional<DatagramSocket> send(InetAddress local) {
    DatagramSocket socket = null;
    try {
      socket = new DatagramSocket(new InetSocketAddress(local, 0));
      socket.setBroadcast(true);
      ByteBuffer cmd = ByteBuffer.allocate(HEADER);
      cmd.put((byte) KEY).put((byte) FLAGS).putShort((short) DISCOVERY_CMD);
      cmd.putShort((short) 0).putShort((short) 1);
      InetAddress everyone = InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
      socket.send(new DatagramPacket(cmd.array(), HEADER, everyone, GVCP_PORT));
      return Optional.of(socket);
    } catch (IOException e) {
      if (socket != null) {
        socket.close();
      }
      return Optional.empty();
    }
  }

  private static List<Reply> collect(List<DatagramSocket> sockets, Duration wait) {
    Map<String, Reply> byAddress = new LinkedHashMap<>();
    long deadline = System.nanoTime() + wait.toNanos();
    byte[] in = new byte[1024];
    // Round-robin with short receive time-outs: a handful of sockets, replies within milliseconds.
    while (System.nanoTime() < deadline) {
      boolean any = false;
      for (DatagramSocket socket : sockets) {
        if (socket.isClosed()) {
          continue;
        }
        any = true;
        receive(socket, in).ifPresent(r -> byAddress.putIfAbsent(r.address(), r));
      }
      if (!any) {
        break;
      }
    }
    return List.copyOf(byAddress.values());
  }

  private static Optional<Reply> receive(DatagramSocket socket, byte[] in) {
    DatagramPacket packet = new DatagramPacket(in, in.length);
    try {
      socket.setSoTimeout(10);
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      socket.close();
      return Optional.empty();
    }
    return parse(in, packet.getLength());
  }

  static Optional<Reply> parse(byte[] in, int length) {
    ByteBuffer ack = ByteBuffer.wrap(in, 0, length);
    if (length < HEADER + SERIAL + 16 || (ack.getShort(2) & 0xffff) != DISCOVERY_ACK) {
      return Optional.empty();
    }
    int ip = ack.getInt(HEADER + CURRENT_IP);
    String address =
        ((ip >>> 24) & 0xff)
            + "."
            + ((ip >>> 16) & 0xff)
            + "."
            + ((ip >>> 8) & 0xff)
            + "."
            + (ip & 0xff);
    return Optional.of(
        new Reply(
            text(in, HEADER + MANUFACTURER, 32),
            text(in, HEADER + MODEL, 32),
            text(in, HEADER + SERIAL, 16),
            address));
  }

  private static String text(byte[] data, int offset, int max) {
    int end = offset;
    while (end < offset + max && data[end] != 0) {
      end++;
    }
    return new String(data, offset, end - offset, StandardCharsets.US_ASCII).trim();
  }
}
