package io.camerabridge.plc.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.camerabridge.config.ModbusConfig;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcServerException;
import io.camerabridge.plc.PlcState;
import io.camerabridge.plc.TestPlcCamera;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Modbus server against digitalpetri's own client over TCP: the map, the handshake, errors. */
class ModbusPlcServerTest {
  private static final int UNIT = 1;
  private static final Instant FRAME_TIME = Instant.parse("2026-12-02T10:00:00.123Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestPlcCamera top = new TestPlcCamera("top", 0);
  private final TestPlcCamera side = new TestPlcCamera("side", 2);
  private ModbusPlcServer server;
  private ModbusTcpClient plc;

  @BeforeEach
  void start() throws Exception {
    server = new ModbusPlcServer(new ModbusConfig("127.0.0.1:0", UNIT), registry);
    server.start(List.<PlcCamera>of(top, side));
    plc = connect(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    plc.disconnect();
    server.close();
    top.close();
    side.close();
  }

  static ModbusTcpClient connect(int port) throws Exception {
    ModbusTcpClient client =
        ModbusTcpClient.create(
            NettyTcpClientTransport.create(cfg -> cfg.setHostname("127.0.0.1").setPort(port)));
    client.connect();
    return client;
  }

  @Test
  void readsEverySlotRegisterBigEndianMostSignificantWordFirst() throws Exception {
    long sequence = (1L << 48) + (2L << 32) + (3L << 16) + 4;
    top.outcome(sequence, Outcome.NG, 3, FRAME_TIME);
    top.update(s -> with(s, 70_000, 12, "305419896", 9));
    await().until(() -> registers(0, 1)[0] == 1);

    assertThat(registers(0, 16))
        .containsExactly(1, 2, 3, 4, 2, 3, 2, 295, 0x1, 0x1170, 0, 1, 12, 9, 0x1234, 0x5678);
    assertThat(registers(32, 16)).containsExactly(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(coils(0, 8)).containsExactly(true, false, false, false, false, false, false, false);
    assertThat(coils(16, 3)).containsExactly(false, false, false);
  }

  @Test
  void aReadOfManyRegistersIsOneSnapshot() throws Exception {
    // The core changes Sequence and OK together; a read that mixed two snapshots would differ.
    Thread writer =
        new Thread(
            () -> {
              for (long n = 1; n <= 20_000 && !Thread.currentThread().isInterrupted(); n++) {
                long value = n * 65_537;
                top.update(
                    s ->
                        new PlcState(
                            value,
                            Outcome.OK,
                            0,
                            0,
                            null,
                            true,
                            false,
                            PlcState.CameraState.STREAMING,
                            0,
                            value,
                            0,
                            0,
                            0,
                            0,
                            "",
                            0));
              }
            });
    writer.start();
    try {
      for (int i = 0; i < 200; i++) {
        int[] r = registers(0, 12);
        long sequence = ((long) r[2] << 16) | r[3];
        long ok = ((long) r[8] << 16) | r[9];
        assertThat(ok).as("read %d", i).isEqualTo(sequence & 0xFFFF_FFFFL);
      }
    } finally {
      writer.interrupt();
      writer.join();
    }
  }

  @Test
  void handshakeShowsEveryOutcomeInOrderAndAckClearsResultValid() throws Exception {
    List<String> seen = new ArrayList<>();
    for (long sequence = 1; sequence <= 5; sequence++) {
      Outcome verdict = sequence % 2 == 0 ? Outcome.NG : Outcome.OK;
      top.outcome(sequence, verdict, 0, FRAME_TIME);
      await().until(() -> coils(0, 1)[0]);
      int[] r = registers(0, 5);
      seen.add(r[3] + ":" + r[4]);
      plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(1, true));
      await().until(() -> !coils(0, 1)[0]);
    }
    assertThat(seen).containsExactly("1:1", "2:2", "3:1", "4:2", "5:1");
    assertThat(top.acks()).isEqualTo(5);
    assertThat(counter("camerabridge.modbus.writes", "camera", "top", "node", "Ack")).isEqualTo(5);
  }

  @Test
  void triggerCoilTriggersAndReadsBackCleared() throws Exception {
    plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(2, true));
    assertThat(top.triggers()).isEqualTo(1);
    assertThat(coils(2, 1)).containsExactly(false);
    plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(2, false));
    assertThat(top.triggers()).isEqualTo(1);

    side.refuseTriggers();
    assertThat(code(() -> plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(16 + 2, true))))
        .isEqualTo(0x06);
    assertThat(side.triggers()).isZero();
  }

  @Test
  void partIdAndRecipeWritesReachTheCameraAndReadBack() throws Exception {
    plc.writeMultipleRegisters(
        UNIT, new WriteMultipleRegistersRequest(14, 2, new byte[] {0x00, 0x01, (byte) 0xE2, 0x40}));
    plc.writeSingleRegister(UNIT, new WriteSingleRegisterRequest(13, 3));
    plc.writeMultipleRegisters(
        UNIT, new WriteMultipleRegistersRequest(13, 3, new byte[] {0, 4, 0, 0, 0, 0}));

    assertThat(top.partIds()).containsExactly("123456", "");
    assertThat(top.recipes()).containsExactly(3, 4);
    await().until(() -> registers(13, 1)[0] == 4);
    assertThat(side.partIds()).isEmpty();
  }

  @Test
  void refusesWhatTheMapDoesNotHaveWithTheSpecExceptionCodes() throws Exception {
    // ILLEGAL_DATA_ADDRESS: no slot 1, reserved or read-only, half a UInt32
    assertThat(code(() -> plc.readHoldingRegisters(UNIT, new ReadHoldingRegistersRequest(16, 1))))
        .isEqualTo(0x02);
    assertThat(code(() -> plc.readHoldingRegisters(UNIT, new ReadHoldingRegistersRequest(0, 48))))
        .isEqualTo(0x02);
    assertThat(code(() -> plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(0, true))))
        .isEqualTo(0x02);
    assertThat(code(() -> plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(5, true))))
        .isEqualTo(0x02);
    assertThat(code(() -> plc.writeSingleRegister(UNIT, new WriteSingleRegisterRequest(0, 1))))
        .isEqualTo(0x02);
    assertThat(code(() -> plc.writeSingleRegister(UNIT, new WriteSingleRegisterRequest(14, 1))))
        .isEqualTo(0x02);
    assertThat(
            code(
                () ->
                    plc.writeMultipleCoils(
                        UNIT, new WriteMultipleCoilsRequest(1, 3, new byte[] {0b011}))))
        .isEqualTo(0x02);
    // ILLEGAL_DATA_VALUE: a coil value other than 0xFF00/0x0000, quantities out of range
    assertThat(code(() -> plc.writeSingleCoil(UNIT, new WriteSingleCoilRequest(1, 0x1234))))
        .isEqualTo(0x03);
    assertThat(code(() -> plc.readHoldingRegisters(UNIT, new ReadHoldingRegistersRequest(0, 126))))
        .isEqualTo(0x03);
    assertThat(code(() -> plc.readCoils(UNIT, new ReadCoilsRequest(0, 0)))).isEqualTo(0x03);
    // ILLEGAL_FUNCTION: discrete inputs, diagnostics (0x08), device identification (0x2B)
    assertThat(code(() -> plc.readDiscreteInputs(UNIT, new ReadDiscreteInputsRequest(0, 1))))
        .isEqualTo(0x01);
    assertThat(code(() -> plc.sendRaw(UNIT, new byte[] {0x08, 0, 0, 0x12, 0x34}))).isEqualTo(0x01);
    assertThat(code(() -> plc.sendRaw(UNIT, new byte[] {0x2B, 0x0E, 1, 0}))).isEqualTo(0x01);
    // Another unit id: the gateway code at once, no time-out
    assertThat(code(() -> plc.readHoldingRegisters(7, new ReadHoldingRegistersRequest(0, 1))))
        .isEqualTo(0x0B);

    // Nothing reached the camera and the connection still serves.
    assertThat(top.acks()).isZero();
    assertThat(top.triggers()).isZero();
    assertThat(top.partIds()).isEmpty();
    assertThat(registers(0, 1)).containsExactly(0);
    assertThat(
            counter(
                "camerabridge.modbus.requests", "function", "other", "result", "illegal_function"))
        .as("discrete inputs, diagnostics, device identification")
        .isEqualTo(3);
    assertThat(
            counter(
                "camerabridge.modbus.requests",
                "function",
                "read_holding_registers",
                "result",
                "illegal_data_address"))
        .isEqualTo(2);
    assertThat(
            counter(
                "camerabridge.modbus.requests",
                "function",
                "read_holding_registers",
                "result",
                "unknown_unit"))
        .isEqualTo(1);
  }

  @Test
  void countsConnectedClients() throws Exception {
    await().until(() -> server.connectedClients() == 1);
    assertThat(registry.get("camerabridge.plc.clients").tag("protocol", "modbus").gauge().value())
        .isEqualTo(1.0);
    ModbusTcpClient second = connect(server.port());
    await().until(() -> server.connectedClients() == 2);
    second.disconnect();
    await().until(() -> server.connectedClients() == 1);
  }

  @Test
  void aTakenPortIsAStartFailureThatNamesTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ModbusPlcServer second =
          new ModbusPlcServer(
              new ModbusConfig("127.0.0.1:" + taken.getLocalPort(), UNIT), registry);
      PlcServerException e =
          catchThrowableOfType(PlcServerException.class, () -> second.start(List.of(top)));
      assertThat(e).hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
      second.close();
    }
  }

  @Test
  void closeIsIdempotentAndFreesThePort() throws Exception {
    int port = server.port();
    plc.disconnect();
    server.close();
    server.close();

    server = new ModbusPlcServer(new ModbusConfig("127.0.0.1:" + port, UNIT), registry);
    server.start(List.<PlcCamera>of(top));
    plc = connect(port);
    assertThat(server.port()).isEqualTo(port);
    assertThat(registers(6, 1)).containsExactly(1);
  }

  @Test
  void twoCamerasInOneSlotAreRefusedAtStart() {
    ModbusPlcServer second = new ModbusPlcServer(new ModbusConfig("127.0.0.1:0", UNIT), registry);
    PlcServerException e =
        catchThrowableOfType(
            PlcServerException.class,
            () -> second.start(List.of(top, new TestPlcCamera("twin", 0))));
    assertThat(e).hasMessageContaining("share plc.slot 0");
    second.close();
  }

  private int[] registers(int address, int quantity) throws Exception {
    byte[] bytes =
        plc.readHoldingRegisters(UNIT, new ReadHoldingRegistersRequest(address, quantity))
            .registers();
    int[] words = new int[quantity];
    for (int i = 0; i < quantity; i++) {
      words[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    return words;
  }

  private boolean[] coils(int address, int quantity) throws Exception {
    byte[] bytes = plc.readCoils(UNIT, new ReadCoilsRequest(address, quantity)).coils();
    boolean[] bits = new boolean[quantity];
    for (int i = 0; i < quantity; i++) {
      bits[i] = (bytes[i / 8] & (1 << (i % 8))) != 0;
    }
    return bits;
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  interface Call {
    Object run() throws Exception;
  }

  private static int code(Call call) {
    ModbusResponseException e = catchThrowableOfType(ModbusResponseException.class, call::run);
    assertThat(e).as("an exception response").isNotNull();
    return e.getExceptionCode();
  }

  private static PlcState with(PlcState s, long ok, int lastError, String partId, int recipe) {
    return new PlcState(
        s.sequence(),
        s.verdict(),
        s.defects(),
        s.frameId(),
        s.timestamp(),
        s.resultValid(),
        s.ack(),
        s.cameraState(),
        s.fps(),
        ok,
        s.ng(),
        s.failed(),
        s.dropped(),
        lastError,
        partId,
        recipe);
  }
}
