package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.plc.modbus.PlcModbusClient;
import io.camerabridge.plc.modbus.PlcModbusClient.ModbusException;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service as a PLC peer over Modbus TCP: the fake GigE camera with {@code trigger.mode:
 * plc} in slot 1 (so every address is offset), the PEKAT simulator, and digitalpetri's client as
 * the PLC, polling the way a PLC program does: part id, Trigger coil, wait for ResultValid, read
 * the slot's registers in one request, Ack (handshake queue).
 */
class PlcModbusEndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int UNIT = 3;
  private static final int SLOT = 1;
  private static FakeGvCameraProcess camera;

  @TempDir Path dir;

  @BeforeAll
  static void startCamera() throws IOException {
    camera = FakeGvCameraProcess.builder().serial(BridgeHarness.serial("PLCMB")).start();
  }

  @AfterAll
  static void stopCamera() {
    if (camera != null) {
      camera.close();
    }
  }

  /** One result as the PLC read it (one snapshot of the slot) while ResultValid was set. */
  private record Seen(long sequence, int verdictCode, long ok, long ng) {}

  @Test
  void aPlcTriggersOverCoilsSeesEveryResultInOrderWithItsPartIdAndAcks() throws Exception {
    try (PekatSimulator pekat = PlcRig.simulator()) {
      pekat.setNgEvery(3);
      String plc =
          "plc: { modbus: { listen: \"127.0.0.1:0\", unitId: " + UNIT + " }, handshake: queue }";
      List<Seen> seen = new ArrayList<>();
      try (BridgeHarness harness =
              BridgeHarness.start(dir, PlcRig.config(plc, camera, pekat, dir, SLOT));
          PlcModbusClient modbus =
              PlcModbusClient.connect(PlcRig.server(harness, "modbus").port(), UNIT, SLOT)) {
        await().atMost(WAIT).until(() -> modbus.registers(6, 1)[0] == 2); // streaming
        assertThat(modbus.coils()).containsExactly(false, false, false);
        assertThat(PlcModbusClient.sequence(modbus.registers())).isZero();

        for (int part = 1; part <= 6; part++) {
          modbus.partId(1000 + part);
          modbus.trigger();
          assertThat(modbus.coils()[2]).as("the bridge clears Trigger before it answers").isFalse();
          seen.add(awaitResult(modbus, last(seen)));
          acknowledge(modbus);
        }
        // A burst: three triggers before any ack; the queue shows them one at a time.
        CameraPipeline pipeline = harness.bridge.pipelines().get(0);
        for (int part = 7; part <= 9; part++) {
          long acquired = pipeline.stats().snapshot().acquired();
          modbus.partId(1000 + part);
          modbus.trigger();
          // The next part id must not overtake this frame: wait until the frame is acquired.
          await().atMost(WAIT).until(() -> pipeline.stats().snapshot().acquired() > acquired);
        }
        // /health shows the handshake: the first of the burst shown, two waiting behind it.
        await()
            .atMost(WAIT)
            .until(
                () ->
                    PlcRig.health(harness)
                            .plc()
                            .path("cameras")
                            .path("cam")
                            .path("queueDepth")
                            .asInt()
                        == 2);
        JsonNode waiting = PlcRig.health(harness).plc().path("cameras").path("cam");
        assertThat(waiting.path("resultValid").asBoolean()).isTrue();
        assertThat(waiting.path("slot").asInt()).isEqualTo(SLOT);
        assertThat(waiting.path("sequence").asLong()).isGreaterThan(last(seen));
        for (int part = 7; part <= 9; part++) {
          seen.add(awaitResult(modbus, last(seen)));
          acknowledge(modbus);
        }

        int[] before = modbus.registers();
        assertRefused(() -> modbus.writeRegister(3, 77), 2); // Sequence is the bridge's
        assertRefused(() -> modbus.writeRegister(4, 1), 2); // VerdictCode
        assertRefused(() -> modbus.setCoil(0), 2); // ResultValid
        assertThat(modbus.registers()).as("a refused write changes nothing").isEqualTo(before);
        assertThat(((long) before[14] << 16) | before[15])
            .as("the PLC's own PartId registers keep what it wrote last")
            .isEqualTo(1009);
        assertThat(before[13]).as("Recipe").isZero();
        assertThat(PlcRig.functionCounter(harness, "camerabridge.plc.acks")).isEqualTo(9);

        PlcRig.Health health = PlcRig.health(harness);
        assertThat(health.status()).as("%s", health.body()).isEqualTo(200);
        JsonNode server = health.plc().path("servers").path("modbus");
        assertThat(server.path("listen").asText())
            .isEqualTo("127.0.0.1:" + PlcRig.server(harness, "modbus").port());
        assertThat(server.path("clients").asInt()).isEqualTo(1);
        assertThat(
                harness
                    .bridge
                    .metrics()
                    .registry()
                    .get("camerabridge.plc.clients")
                    .tag("protocol", "modbus")
                    .gauge()
                    .value())
            .isEqualTo(1.0);
        assertThat(server.has("error")).isFalse();
        JsonNode cam = health.plc().path("cameras").path("cam");
        assertThat(cam.path("sequence").asLong()).isEqualTo(last(seen));
        assertThat(cam.path("resultValid").asBoolean()).isFalse();
        assertThat(cam.path("queueDepth").asInt()).isZero();
        assertThat(cam.path("unacknowledged").asLong()).isZero();
      }

      assertThat(seen).extracting(Seen::sequence).isSorted().doesNotHaveDuplicates();
      assertThat(seen).hasSize(9);
      Seen end = seen.get(8);
      assertThat(end.ok() + end.ng()).as("the counters count every outcome").isEqualTo(9);
      assertThat(seen).extracting(Seen::verdictCode).contains(1, 2);
      List<JsonNode> journal = PlcRig.journal(dir);
      assertThat(journal).hasSize(9).as("exactly one frame per Trigger coil");
      for (int i = 0; i < seen.size(); i++) {
        JsonNode record = PlcRig.journalRecord(journal, seen.get(i).sequence());
        assertThat(record.get("verdict").asText())
            .as("verdict of sequence %d", seen.get(i).sequence())
            .isEqualTo(seen.get(i).verdictCode() == 1 ? "OK" : "NG");
        assertThat(record.get("partId").asText()).isEqualTo(Integer.toString(1001 + i));
      }
    }
  }

  @Test
  void aPlcServerThatCannotBindIsAnErrorInHealthWhileTheOtherServes() throws Exception {
    try (PekatSimulator pekat = PlcRig.simulator();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String plc =
          "plc: { opcua: { listen: \"127.0.0.1:"
              + taken.getLocalPort()
              + "\", pkiDir: \""
              + dir.resolve("pki")
              + "\" }, modbus: { listen: \"127.0.0.1:0\", unitId: "
              + UNIT
              + " } }";
      try (BridgeHarness harness =
              BridgeHarness.start(dir, PlcRig.config(plc, camera, pekat, dir, SLOT));
          PlcModbusClient modbus =
              PlcModbusClient.connect(PlcRig.server(harness, "modbus").port(), UNIT, SLOT)) {
        await().atMost(WAIT).until(() -> modbus.registers(6, 1)[0] == 2); // streaming

        PlcRig.Health health = PlcRig.health(harness);
        assertThat(health.status()).as("%s", health.body()).isEqualTo(503);
        assertThat(health.body().path("status").asText()).isEqualTo("unhealthy");
        assertThat(health.body().path("cameras").path("cam").path("state").asText())
            .as("only the PLC server is wrong")
            .isEqualTo("streaming");
        JsonNode opcua = health.plc().path("servers").path("opcua");
        assertThat(opcua.path("listen").asText()).isEqualTo("127.0.0.1:" + taken.getLocalPort());
        assertThat(opcua.path("error").asText()).contains(Integer.toString(taken.getLocalPort()));
        assertThat(health.plc().path("servers").path("modbus").has("error")).isFalse();
        assertThat(health.plc().path("healthy").asBoolean()).isFalse();
      }
    }
  }

  private static long last(List<Seen> seen) {
    return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).sequence();
  }

  /** Polls as a PLC does: ResultValid set, then the slot's registers, newer than the last. */
  private static Seen awaitResult(PlcModbusClient modbus, long after) {
    Seen[] result = new Seen[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              if (!modbus.resultValid()) {
                return false;
              }
              int[] r = modbus.registers();
              long sequence = PlcModbusClient.sequence(r);
              if (sequence <= after) {
                return false;
              }
              long ok = ((long) r[8] << 16) | r[9];
              long ng = ((long) r[10] << 16) | r[11];
              result[0] = new Seen(sequence, r[4], ok, ng);
              return true;
            });
    return result[0];
  }

  /** Ack, then the bridge clears both ResultValid and Ack. */
  private static void acknowledge(PlcModbusClient modbus) throws ModbusException {
    modbus.ack();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> !modbus.coils()[1]);
  }

  private interface Write {
    void run() throws ModbusException;
  }

  private static void assertRefused(Write write, int exceptionCode) {
    ModbusException e = catchThrowableOfType(ModbusException.class, write::run);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.exceptionCode()).isEqualTo(exceptionCode);
  }
}
