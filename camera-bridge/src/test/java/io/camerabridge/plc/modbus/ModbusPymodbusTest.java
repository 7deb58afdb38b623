package io.camerabridge.plc.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.config.ModbusConfig;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.TestPlcCamera;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An independent peer: Debian's python3-pymodbus ({@code scripts/install-deps.sh --tests}) runs the
 * PLC side of the handshake from {@code plc/pymodbus_peer.py} as a subprocess of /usr/bin/python3.
 */
class ModbusPymodbusTest {
  private static final int UNIT = 17;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestPlcCamera top = new TestPlcCamera("top", 0);
  private ModbusPlcServer server;

  @BeforeEach
  void start() {
    server = new ModbusPlcServer(new ModbusConfig("127.0.0.1:0", UNIT), registry);
    server.start(List.<PlcCamera>of(top));
  }

  @AfterEach
  void stop() {
    server.close();
    top.close();
  }

  @Test
  void pymodbusRunsTheHandshakeAndSeesTheSameMap() throws Exception {
    top.outcome(258, Outcome.NG, 4, Instant.EPOCH);
    while (!top.state().resultValid()) {
      Thread.onSpinWait();
    }

    JsonNode seen = runPeer();

    assertThat(ints(seen.get("registers")))
        .containsExactly(0, 0, 0, 258, 2, 4, 2, 295, 0, 0, 0, 1, 0, 0, 0, 0);
    assertThat(seen.get("coils").toString())
        .isEqualTo("[true,false,false,false,false,false,false,false]");
    assertThat(seen.get("writePartId").asText()).isEqualTo("ok");
    assertThat(seen.get("writeRecipe").asText()).isEqualTo("ok");
    assertThat(seen.get("ack").asText()).isEqualTo("ok");
    assertThat(seen.get("resultValidAfterAck").asBoolean()).isFalse();
    assertThat(seen.get("trigger").asText()).isEqualTo("ok");
    assertThat(seen.get("triggerReadBack").asBoolean()).isFalse();
    assertThat(ints(seen.get("partAndRecipe"))).containsExactly(7, 0x1234, 0x5678);
    assertThat(seen.get("writeResultValid").asText()).isEqualTo("exception 2");
    assertThat(seen.get("writeSequence").asText()).isEqualTo("exception 2");
    assertThat(seen.get("readOutsideSlots").asText()).isEqualTo("exception 2");
    assertThat(seen.get("wrongUnit").asText()).isEqualTo("exception 11");

    assertThat(top.partIds()).containsExactly("305419896");
    assertThat(top.recipes()).containsExactly(7);
    assertThat(top.acks()).isEqualTo(1);
    assertThat(top.triggers()).isEqualTo(1);
  }

  private JsonNode runPeer() throws Exception {
    Path script = Path.of(getClass().getResource("/plc/pymodbus_peer.py").toURI());
    Process peer =
        new ProcessBuilder(
                "/usr/bin/python3",
                script.toString(),
                "127.0.0.1",
                Integer.toString(server.port()),
                Integer.toString(UNIT))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    peer.getOutputStream().close();
    String out = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(peer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(peer.exitValue()).as("pymodbus peer said: %s", out).isZero();
    return new ObjectMapper().readTree(out);
  }

  private static int[] ints(JsonNode array) {
    assertThat(array.isArray()).as("%s", array).isTrue();
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
