package io.camerabridge.plc.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;

/**
 * A PLC as the tests see it over Modbus TCP: digitalpetri's own client to 127.0.0.1, addressing one
 * camera slot (registers from {@code slot × 16}, coils from {@code slot × 8}) as docs/plc.md maps
 * it.
 */
public final class PlcModbusClient implements AutoCloseable {
  private final ModbusTcpClient client;
  private final int unit;
  private final int slot;

  private PlcModbusClient(ModbusTcpClient client, int unit, int slot) {
    this.client = client;
    this.unit = unit;
    this.slot = slot;
  }

  public static PlcModbusClient connect(int port, int unit, int slot)
      throws ModbusExecutionException {
    ModbusTcpClient client =
        ModbusTcpClient.create(
            NettyTcpClientTransport.create(cfg -> cfg.setHostname("127.0.0.1").setPort(port)));
    client.connect();
    return new PlcModbusClient(client, unit, slot);
  }

  /** The slot's 16 holding registers, one snapshot. */
  public int[] registers() throws ModbusException {
    return registers(0, 16);
  }

  /** {@code quantity} registers from the slot's register {@code offset}. */
  public int[] registers(int offset, int quantity) throws ModbusException {
    byte[] bytes =
        call(
            () ->
                client
                    .readHoldingRegisters(
                        unit, new ReadHoldingRegistersRequest(slot * 16 + offset, quantity))
                    .registers());
    int[] words = new int[quantity];
    for (int i = 0; i < quantity; i++) {
      words[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    return words;
  }

  /** The slot's coils 0-2: ResultValid, Ack, Trigger. */
  public boolean[] coils() throws ModbusException {
    byte[] bytes = call(() -> client.readCoils(unit, new ReadCoilsRequest(slot * 8, 3)).coils());
    return new boolean[] {(bytes[0] & 1) != 0, (bytes[0] & 2) != 0, (bytes[0] & 4) != 0};
  }

  public boolean resultValid() throws ModbusException {
    return coils()[0];
  }

  /** Writes 1 to the slot's coil {@code offset} (1 Ack, 2 Trigger; others are refused). */
  public void setCoil(int offset) throws ModbusException {
    call(() -> client.writeSingleCoil(unit, new WriteSingleCoilRequest(slot * 8 + offset, true)));
  }

  public void ack() throws ModbusException {
    setCoil(1);
  }

  public void trigger() throws ModbusException {
    setCoil(2);
  }

  /** Writes one register of the slot (function 6). */
  public void writeRegister(int offset, int value) throws ModbusException {
    call(
        () ->
            client.writeSingleRegister(
                unit, new WriteSingleRegisterRequest(slot * 16 + offset, value)));
  }

  /** Writes the part id registers 14-15 in one function 16 request. */
  public void partId(long partId) throws ModbusException {
    byte[] value = {
      (byte) (partId >>> 24), (byte) (partId >>> 16), (byte) (partId >>> 8), (byte) partId
    };
    call(
        () ->
            client.writeMultipleRegisters(
                unit, new WriteMultipleRegistersRequest(slot * 16 + 14, 2, value)));
  }

  /** Registers 0-3 as the UInt64 Sequence. */
  public static long sequence(int[] registers) {
    return ((long) registers[0] << 48)
        | ((long) registers[1] << 32)
        | ((long) registers[2] << 16)
        | registers[3];
  }

  @Override
  public void close() {
    try {
      client.disconnect();
    } catch (ModbusExecutionException e) {
      // The server is gone already; nothing is left to close.
    }
  }

  /** A refused request (the Modbus exception code) or a failed transport. */
  public static final class ModbusException extends Exception {
    private final int exceptionCode;

    ModbusException(String message, int exceptionCode, Throwable cause) {
      super(message, cause);
      this.exceptionCode = exceptionCode;
    }

    /** The Modbus exception code the server answered, or -1 when it did not answer. */
    public int exceptionCode() {
      return exceptionCode;
    }
  }

  private interface Request<T> {
    T run() throws ModbusExecutionException, ModbusResponseException, ModbusTimeoutException;
  }

  private static <T> T call(Request<T> request) throws ModbusException {
    try {
      return request.run();
    } catch (ModbusResponseException e) {
      throw new ModbusException(e.getMessage(), e.getExceptionCode() & 0xFF, e);
    } catch (ModbusExecutionException | ModbusTimeoutException e) {
      throw new ModbusException(e.getMessage(), -1, e);
    }
  }
}
