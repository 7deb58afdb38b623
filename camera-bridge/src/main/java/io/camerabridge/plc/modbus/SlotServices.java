package io.camerabridge.plc.modbus;

import static io.camerabridge.plc.modbus.ModbusMap.COILS_PER_SLOT;
import static io.camerabridge.plc.modbus.ModbusMap.REGISTERS_PER_SLOT;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcState;
import io.camerabridge.plc.modbus.ModbusMap.Coil;
import io.camerabridge.plc.modbus.ModbusMap.Register;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The map served: reads take one {@link PlcState} snapshot per slot touched, writes go to the
 * camera's {@link PlcCamera} methods (which never block). An address outside every slot, a reserved
 * or read-only address, or half a multi-register value is ILLEGAL_DATA_ADDRESS; a value the field
 * cannot take is ILLEGAL_DATA_VALUE. Runs on the server's one worker thread.
 */
final class SlotServices implements ModbusServices {
  private static final int MAX_READ_REGISTERS = 0x7D;
  private static final int MAX_READ_COILS = 0x7D0;
  private static final int MAX_WRITE_REGISTERS = 0x7B;
  private static final int MAX_WRITE_COILS = 0x7B0;
  private static final int COIL_ON = 0xFF00;

  private final Map<Integer, PlcCamera> slots = new HashMap<>();
  private final ModbusMeters meters;

  SlotServices(List<PlcCamera> cameras, ModbusMeters meters) {
    this.meters = meters;
    for (PlcCamera camera : cameras) {
      if (camera.slot() < 0 || camera.slot() > ModbusMap.MAX_SLOT) {
        throw new IllegalArgumentException(
            "camera "
                + camera.id()
                + ": plc.slot "
                + camera.slot()
                + " is not 0.."
                + ModbusMap.MAX_SLOT);
      }
      PlcCamera other = slots.putIfAbsent(camera.slot(), camera);
      if (other != null) {
        throw new IllegalArgumentException(
            "cameras " + other.id() + " and " + camera.id() + " share plc.slot " + camera.slot());
      }
    }
  }

  @Override
  public ReadHoldingRegistersResponse readHoldingRegisters(
      ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.READ_HOLDING_REGISTERS.getCode();
    checkQuantity(fc, request.quantity(), MAX_READ_REGISTERS);
    byte[] out = new byte[request.quantity() * 2];
    int slot = -1;
    int[] words = null;
    for (int i = 0; i < request.quantity(); i++) {
      int address = request.address() + i;
      if (address / REGISTERS_PER_SLOT != slot) {
        slot = address / REGISTERS_PER_SLOT;
        words = ModbusMap.registers(camera(fc, address, REGISTERS_PER_SLOT).state());
      }
      int word = words[address % REGISTERS_PER_SLOT];
      out[2 * i] = (byte) (word >>> 8);
      out[2 * i + 1] = (byte) word;
    }
    return new ReadHoldingRegistersResponse(out);
  }

  @Override
  public ReadCoilsResponse readCoils(
      ModbusRequestContext context, int unitId, ReadCoilsRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.READ_COILS.getCode();
    checkQuantity(fc, request.quantity(), MAX_READ_COILS);
    byte[] out = new byte[(request.quantity() + 7) / 8];
    int slot = -1;
    boolean[] bits = null;
    for (int i = 0; i < request.quantity(); i++) {
      int address = request.address() + i;
      if (address / COILS_PER_SLOT != slot) {
        slot = address / COILS_PER_SLOT;
        bits = ModbusMap.coils(camera(fc, address, COILS_PER_SLOT).state());
      }
      if (bits[address % COILS_PER_SLOT]) {
        out[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return new ReadCoilsResponse(out);
  }

  @Override
  public WriteSingleCoilResponse writeSingleCoil(
      ModbusRequestContext context, int unitId, WriteSingleCoilRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.WRITE_SINGLE_COIL.getCode();
    if (request.value() != COIL_ON && request.value() != 0) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    Coil coil = writableCoil(fc, request.address());
    writeCoil(fc, camera(fc, request.address(), COILS_PER_SLOT), coil, request.value() == COIL_ON);
    return new WriteSingleCoilResponse(request.address(), request.value());
  }

  @Override
  public WriteMultipleCoilsResponse writeMultipleCoils(
      ModbusRequestContext context, int unitId, WriteMultipleCoilsRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.WRITE_MULTIPLE_COILS.getCode();
    checkQuantity(fc, request.quantity(), MAX_WRITE_COILS);
    if (request.values().length != (request.quantity() + 7) / 8) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    // Every address is checked before anything is written: a refused request changes nothing.
    Coil[] coils = new Coil[request.quantity()];
    for (int i = 0; i < coils.length; i++) {
      camera(fc, request.address() + i, COILS_PER_SLOT);
      coils[i] = writableCoil(fc, request.address() + i);
    }
    for (int i = 0; i < coils.length; i++) {
      boolean on = (request.values()[i / 8] & (1 << (i % 8))) != 0;
      writeCoil(fc, camera(fc, request.address() + i, COILS_PER_SLOT), coils[i], on);
    }
    return new WriteMultipleCoilsResponse(request.address(), request.quantity());
  }

  @Override
  public WriteSingleRegisterResponse writeSingleRegister(
      ModbusRequestContext context, int unitId, WriteSingleRegisterRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.WRITE_SINGLE_REGISTER.getCode();
    PlcCamera camera = camera(fc, request.address(), REGISTERS_PER_SLOT);
    Register register = writableRegister(fc, request.address(), 1);
    writeRegister(camera, register, request.value());
    return new WriteSingleRegisterResponse(request.address(), request.value());
  }

  @Override
  public WriteMultipleRegistersResponse writeMultipleRegisters(
      ModbusRequestContext context, int unitId, WriteMultipleRegistersRequest request)
      throws ModbusResponseException {
    int fc = FunctionCode.WRITE_MULTIPLE_REGISTERS.getCode();
    checkQuantity(fc, request.quantity(), MAX_WRITE_REGISTERS);
    if (request.values().length != request.quantity() * 2) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    // Whole fields only, all checked first: a refused request changes nothing.
    int end = request.address() + request.quantity();
    for (int address = request.address(); address < end; ) {
      camera(fc, address, REGISTERS_PER_SLOT);
      Register register = writableRegister(fc, address, end - address);
      address += register.words();
    }
    for (int address = request.address(); address < end; ) {
      Register register = Register.at(address % REGISTERS_PER_SLOT);
      long value = 0;
      for (int w = 0; w < register.words(); w++) {
        int at = 2 * (address - request.address() + w);
        value =
            (value << 16)
                | ((request.values()[at] & 0xFF) << 8)
                | (request.values()[at + 1] & 0xFF);
      }
      writeRegister(camera(fc, address, REGISTERS_PER_SLOT), register, value);
      address += register.words();
    }
    return new WriteMultipleRegistersResponse(request.address(), request.quantity());
  }

  private PlcCamera camera(int fc, int address, int perSlot) throws ModbusResponseException {
    PlcCamera camera = slots.get(address / perSlot);
    if (camera == null) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    return camera;
  }

  private static Coil writableCoil(int fc, int address) throws ModbusResponseException {
    Coil coil = Coil.at(address % COILS_PER_SLOT);
    if (coil == null || !coil.writable()) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    return coil;
  }

  /** The writable field starting exactly at {@code address} and wholly inside the request. */
  private static Register writableRegister(int fc, int address, int remaining)
      throws ModbusResponseException {
    int offset = address % REGISTERS_PER_SLOT;
    Register register = Register.at(offset);
    if (register == null
        || !register.writable()
        || register.offset() != offset
        || register.words() > remaining) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
    return register;
  }

  private void writeCoil(int fc, PlcCamera camera, Coil coil, boolean on)
      throws ModbusResponseException {
    if (!on) {
      return; // a PLC resetting its own bit: nothing to do, the bridge clears Ack and Trigger
    }
    if (coil == Coil.ACK) {
      meters.write(camera.id(), "Ack", camera.acknowledge());
    } else {
      boolean accepted = camera.trigger();
      meters.write(camera.id(), "Trigger", accepted);
      if (!accepted) {
        throw error(fc, ExceptionCode.SLAVE_DEVICE_BUSY);
      }
    }
  }

  private void writeRegister(PlcCamera camera, Register register, long value) {
    if (register == Register.RECIPE) {
      camera.recipe((int) value);
      meters.write(camera.id(), "Recipe", true);
    } else {
      camera.partId(value == 0 ? "" : Long.toString(value));
      meters.write(camera.id(), "PartId", true);
    }
  }

  private static void checkQuantity(int fc, int quantity, int max) throws ModbusResponseException {
    if (quantity < 1 || quantity > max) {
      throw error(fc, ExceptionCode.ILLEGAL_DATA_VALUE);
    }
  }

  private static ModbusResponseException error(int fc, ExceptionCode code) {
    return new ModbusResponseException(fc, code.getCode());
  }
}
