package io.camerabridge.plc.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.MbapHeader;
import com.digitalpetri.modbus.ModbusTcpFrame;
import com.digitalpetri.modbus.pdu.ModbusRequestPdu;
import com.digitalpetri.modbus.server.ModbusRequestContext.ModbusTcpRequestContext;
import com.digitalpetri.modbus.server.ModbusServerConfig;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ModbusTcpServerTransport;
import java.nio.ByteBuffer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's server with the answers a misbehaving PLC must get instead of a closed connection:
 * the library closes the connection on a function code it has no decoder for or on a PDU too short
 * to decode; here those are ILLEGAL_FUNCTION and ILLEGAL_DATA_VALUE. Another unit id gets
 * GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND (0x0B) at once rather than the silence that would leave
 * the PLC waiting for its time-out. Every answer is counted by function and result.
 */
final class GuardedTcpServer extends ModbusTcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedTcpServer.class);
  private static final Set<Integer> SERVED = Set.of(0x01, 0x03, 0x05, 0x06, 0x0F, 0x10);
  static final int UNKNOWN_UNIT = ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPONSE.getCode();

  private final int unitId;
  private final ModbusMeters meters;

  GuardedTcpServer(
      ModbusTcpServerTransport transport, SlotServices services, int unitId, ModbusMeters meters) {
    super(new ModbusServerConfig.Builder().build(), transport, services);
    this.unitId = unitId;
    this.meters = meters;
  }

  @Override
  protected ModbusTcpFrame handleModbusTcpFrame(
      ModbusTcpFrame frame, ModbusTcpRequestContext context) {
    MbapHeader header = frame.header();
    ByteBuffer pdu = frame.pdu();
    // MbapFramer lets only frames with a function code byte through.
    int fc = pdu.get(pdu.position()) & 0xFF;
    if (header.unitId() != unitId) {
      return answered(fc, exception(header, fc, UNKNOWN_UNIT));
    }
    if (!SERVED.contains(fc)) {
      return answered(fc, exception(header, fc, ExceptionCode.ILLEGAL_FUNCTION.getCode()));
    }
    ModbusRequestPdu request;
    try {
      request = (ModbusRequestPdu) getConfig().requestSerializer().decode(fc, pdu.duplicate());
    } catch (Exception | AssertionError e) {
      return answered(fc, exception(header, fc, ExceptionCode.ILLEGAL_DATA_VALUE.getCode()));
    }
    try {
      return answered(
          fc, handleModbusRequestPdu(context, header.transactionId(), header.unitId(), request));
    } catch (Exception | AssertionError e) {
      LOG.warn("Modbus function {} failed: {}", fc, e.toString());
      return answered(fc, exception(header, fc, ExceptionCode.SLAVE_DEVICE_FAILURE.getCode()));
    }
  }

  private ModbusTcpFrame answered(int fc, ModbusTcpFrame response) {
    ByteBuffer pdu = response.pdu();
    boolean failed = (pdu.get(pdu.position()) & 0x80) != 0;
    meters.request(fc, failed ? result(pdu.get(pdu.position() + 1) & 0xFF) : "ok");
    return response;
  }

  /** The result tag of an exception code (a bounded set). */
  static String result(int exceptionCode) {
    if (exceptionCode == UNKNOWN_UNIT) {
      return "unknown_unit";
    }
    return switch (exceptionCode) {
      case 0x01 -> "illegal_function";
      case 0x02 -> "illegal_data_address";
      case 0x03 -> "illegal_data_value";
      case 0x06 -> "busy";
      default -> "device_failure";
    };
  }

  /** An exception response: the function code with its high bit set, then the code. */
  static ModbusTcpFrame exception(MbapHeader request, int fc, int code) {
    ByteBuffer pdu = ByteBuffer.allocate(2).put((byte) (fc | 0x80)).put((byte) code).flip();
    return new ModbusTcpFrame(new MbapHeader(request.transactionId(), 0, 3, request.unitId()), pdu);
  }
}
