package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.camerabridge.config.ModbusConfig;
import io.camerabridge.config.OpcUaConfig;
import io.camerabridge.config.OpcUaSecurity;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.TestPlcCamera;
import io.camerabridge.plc.modbus.ModbusPlcServer;
import io.camerabridge.plc.opcua.OpcUaPlcServer;
import io.camerabridge.plc.opcua.PlcOpcUaClient;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netty convergence in practice: the PEKAT client (Netty 4.2), the Modbus server and client
 * (digitalpetri, built for 4.1) and the OPC UA server and client (Milo, built for 4.1) all carry
 * real traffic in one JVM on the one Netty the BOM pins, interleaved, with leak detection on.
 */
class PlcServersBesidePekatClientTest extends ClientTestBase {
  @TempDir Path pki;

  @Test
  void pekatModbusAndOpcUaTrafficInOneProcess() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TestPlcCamera top = new TestPlcCamera("top", 0);
    closeLater(top::close);
    ModbusPlcServer modbus =
        closeLater(new ModbusPlcServer(new ModbusConfig("127.0.0.1:0", 1), registry));
    modbus.start(List.<PlcCamera>of(top));
    OpcUaPlcServer opcua =
        closeLater(
            new OpcUaPlcServer(
                new OpcUaConfig("127.0.0.1:0", OpcUaSecurity.NONE, Map.of(), pki), registry));
    opcua.start(List.<PlcCamera>of(top));
    HttpPeer analyzer = server(HttpAnswers.json(OK_CONTEXT));
    PekatClient client = client(analyzer.uri());
    ModbusTcpClient modbusPlc =
        ModbusTcpClient.create(
            NettyTcpClientTransport.create(
                cfg -> cfg.setHostname("127.0.0.1").setPort(modbus.port())));
    modbusPlc.connect();
    closeLater(modbusPlc::disconnect);
    PlcOpcUaClient opcuaPlc = closeLater(PlcOpcUaClient.anonymous(opcua.port()));

    for (long sequence = 1; sequence <= 3; sequence++) {
      TestFrame frame = TestFrame.small(leases);
      assertThat(outcomeOf(client.analyze(frame.frame, null)).name()).isEqualTo("ok");
      assertReleasedOnce(frame);
      top.outcome(sequence, Outcome.OK, 0, Instant.EPOCH);
      long shown = sequence;
      org.awaitility.Awaitility.await()
          .until(
              () ->
                  modbusPlc.readHoldingRegisters(1, new ReadHoldingRegistersRequest(3, 1))
                          .registers()[1]
                      == shown);
      org.awaitility.Awaitility.await()
          .until(
              () -> opcuaPlc.read("top", "Sequence").value().value(),
              Unsigned.ulong(shown)::equals);
    }
    assertThat(analyzer.receivedSoFar()).hasSize(3);
  }
}
