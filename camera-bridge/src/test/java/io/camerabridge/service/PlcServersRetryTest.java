package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.config.ModbusConfig;
import io.camerabridge.config.PlcConfig;
import io.camerabridge.ops.PlcHealth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PLC server whose port another process holds at start does not stop the service and is not given
 * up on: /health says so until a retry binds it.
 */
class PlcServersRetryTest {

  @Test
  void aServerWhosePortIsTakenIsAnErrorInHealthUntilARetryBindsIt() throws Exception {
    ServerSocket taken = new ServerSocket();
    taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    int port = taken.getLocalPort();
    PlcConfig config =
        new PlcConfig(null, new ModbusConfig("127.0.0.1:" + port, 1), null, null, null);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PlcServers plc = PlcServers.start(config, List.of(), registry);
    try {
      PlcHealth.Server refused = plc.health().servers().get(0);
      assertThat(refused.protocol()).isEqualTo("modbus");
      assertThat(refused.error()).as("the bind error, in /health").isNotBlank();
      assertThat(plc.servers()).isEmpty();
      assertThat(serving(registry)).as("camerabridge_plc_serving while refused").isZero();

      taken.close(); // the other process lets go of the port

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> plc.health().servers().get(0).error() == null);
      assertThat(plc.health().servers()).hasSize(1);
      assertThat(plc.servers())
          .singleElement()
          .satisfies(r -> assertThat(r.listen()).endsWith(":" + port));
      assertThat(serving(registry)).as("camerabridge_plc_serving once bound").isEqualTo(1);
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(client.isConnected()).as("a PLC can connect now").isTrue();
      }
    } finally {
      plc.close();
      taken.close();
    }
  }

  private static double serving(SimpleMeterRegistry registry) {
    return registry.get("camerabridge.plc.serving").tag("protocol", "modbus").gauge().value();
  }
}
