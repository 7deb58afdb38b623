package io.camerabridge.plc.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.config.ModbusConfig;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.TestPlcCamera;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PLC that misbehaves on the wire, over raw sockets: garbage, half frames, malformed PDUs,
 * pipelined floods, too many connections. The server answers or closes that one connection, counts
 * it, and keeps serving everyone else.
 */
class ModbusMisbehaviourTest {
  private static final int MAX_CONNECTIONS = 4;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestPlcCamera top = new TestPlcCamera("top", 0);
  private final List<Socket> sockets = new ArrayList<>();
  private ModbusPlcServer server;

  @BeforeEach
  void start() {
    server =
        new ModbusPlcServer(
            new ModbusConfig("127.0.0.1:0", 1), registry, MAX_CONNECTIONS, Duration.ofSeconds(3));
    server.start(List.<PlcCamera>of(top));
    top.outcome(5, Outcome.OK, 0, Instant.EPOCH);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    server.close();
    top.close();
  }

  @Test
  void garbageClosesOnlyThatConnection() throws Exception {
    Socket good = open();
    Socket bad = open();
    bad.getOutputStream().write("GET / HTTP/1.1\r\nHost: plc\r\n\r\n".getBytes());
    assertThat(bad.getInputStream().read()).as("closed without an answer").isEqualTo(-1);

    assertThat(readSequenceWord(good, 1)).isEqualTo(5);
    assertThat(counter("camerabridge.modbus.disconnects", "reason", "malformed")).isEqualTo(1);
  }

  @Test
  void aLengthFieldBeyondTheSpecIsMalformedNotBuffered() throws Exception {
    Socket bad = open();
    // MBAP length 0xFFFF: the library alone would wait for 64 KiB.
    bad.getOutputStream().write(new byte[] {0, 1, 0, 0, (byte) 0xFF, (byte) 0xFF, 1, 3});
    assertThat(bad.getInputStream().read()).isEqualTo(-1);
    assertThat(counter("camerabridge.modbus.disconnects", "reason", "malformed")).isEqualTo(1);
  }

  @Test
  void halfAFrameIsClosedAfterTheIdleTimeOut() throws Exception {
    Socket half = open();
    half.getOutputStream().write(new byte[] {0, 1, 0, 0, 0, 6, 1, 3, 0});
    assertThat(half.getInputStream().read()).isEqualTo(-1);
    assertThat(counter("camerabridge.modbus.disconnects", "reason", "idle")).isEqualTo(1);
    await().until(() -> server.connectedClients() == 0);
  }

  @Test
  void shortAndUnknownPdusAreAnsweredAndTheConnectionStays() throws Exception {
    Socket plc = open();
    // function 3 with one byte of its four: ILLEGAL_DATA_VALUE
    plc.getOutputStream().write(new byte[] {0, 7, 0, 0, 0, 3, 1, 3, 0});
    assertThat(exceptionAnswer(plc)).containsExactly(7, 0x83, 0x03);
    // function 0x41 (user-defined): ILLEGAL_FUNCTION
    plc.getOutputStream().write(new byte[] {0, 8, 0, 0, 0, 2, 1, 0x41});
    assertThat(exceptionAnswer(plc)).containsExactly(8, 0xC1, 0x01);
    // function 16 with fewer value bytes than its byte count, then a byte count that disagrees
    // with its quantity: ILLEGAL_DATA_VALUE
    plc.getOutputStream().write(new byte[] {0, 9, 0, 0, 0, 9, 1, 0x10, 0, 13, 0, 2, 4, 0, 5});
    assertThat(exceptionAnswer(plc)).containsExactly(9, 0x90, 0x03);
    plc.getOutputStream().write(new byte[] {0, 10, 0, 0, 0, 10, 1, 0x10, 0, 13, 0, 2, 2, 0, 5, 0});
    assertThat(exceptionAnswer(plc)).containsExactly(10, 0x90, 0x03);

    assertThat(top.recipes()).isEmpty();
    assertThat(readSequenceWord(plc, 11)).isEqualTo(5);
  }

  @Test
  void aPipelinedFloodIsAnsweredBusyBeyondTheBacklogNeverQueued() throws Exception {
    Socket plc = open();
    int requests = 400;
    ByteBuffer flood = ByteBuffer.allocate(requests * 12);
    for (int i = 0; i < requests; i++) {
      flood.put(readRequest(i, 0, 4));
    }
    plc.getOutputStream().write(flood.array());

    DataInputStream in = new DataInputStream(plc.getInputStream());
    int ok = 0;
    int busy = 0;
    for (int i = 0; i < requests; i++) {
      byte[] header = new byte[7];
      in.readFully(header);
      byte[] pdu = new byte[(((header[4] & 0xFF) << 8) | (header[5] & 0xFF)) - 1];
      in.readFully(pdu);
      if ((pdu[0] & 0xFF) == 0x83) {
        assertThat(pdu[1]).isEqualTo((byte) 0x06);
        busy++;
      } else {
        assertThat(pdu[0]).isEqualTo((byte) 0x03);
        ok++;
      }
    }
    assertThat(ok + busy).isEqualTo(requests);
    assertThat(ok).isGreaterThanOrEqualTo(ConnectionGuard.MAX_PENDING);
    assertThat(busy).isPositive();
    assertThat(
            counter(
                "camerabridge.modbus.requests",
                "function",
                "read_holding_registers",
                "result",
                "busy"))
        .isEqualTo(busy);
    // Reading resumed: the same connection is served normally again.
    assertThat(readSequenceWord(plc, 9999)).isEqualTo(5);
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndCounted() throws Exception {
    List<Socket> admitted = new ArrayList<>();
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
      admitted.add(open());
    }
    await().until(() -> server.connectedClients() == MAX_CONNECTIONS);
    for (int i = 0; i < 6; i++) {
      Socket refused = open();
      assertThat(refused.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(counter("camerabridge.modbus.disconnects", "reason", "limit")).isEqualTo(6);
    for (Socket s : admitted) {
      assertThat(readSequenceWord(s, 3)).isEqualTo(5);
    }
    admitted.get(0).close();
    await().until(() -> server.connectedClients() == MAX_CONNECTIONS - 1);
    assertThat(readSequenceWord(open(), 4)).isEqualTo(5);
  }

  private Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(10_000);
    sockets.add(s);
    return s;
  }

  private static byte[] readRequest(int transaction, int address, int quantity) {
    return ByteBuffer.allocate(12)
        .putShort((short) transaction)
        .putShort((short) 0)
        .putShort((short) 6)
        .put((byte) 1)
        .put((byte) 3)
        .putShort((short) address)
        .putShort((short) quantity)
        .array();
  }

  /** Reads register 3 (Sequence's least significant word) on a raw socket. */
  private static int readSequenceWord(Socket s, int transaction) throws IOException {
    s.getOutputStream().write(readRequest(transaction, 3, 1));
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] answer = new byte[11];
    in.readFully(answer);
    assertThat(((answer[0] & 0xFF) << 8) | (answer[1] & 0xFF)).isEqualTo(transaction & 0xFFFF);
    assertThat(answer[7]).isEqualTo((byte) 3);
    return ((answer[9] & 0xFF) << 8) | (answer[10] & 0xFF);
  }

  /** Transaction id, function byte and exception code of a 9-byte exception answer. */
  private static int[] exceptionAnswer(Socket s) throws IOException {
    byte[] answer = new byte[9];
    new DataInputStream(s.getInputStream()).readFully(answer);
    return new int[] {
      ((answer[0] & 0xFF) << 8) | (answer[1] & 0xFF), answer[7] & 0xFF, answer[8] & 0xFF
    };
  }

  private double counter(String name, String... tags) {
    return registry.find(name).tags(tags).counter() == null
        ? 0
        : registry.get(name).tags(tags).counter().count();
  }
}
