package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.plc.opcua.PlcOpcUaClient;
import io.camerabridge.tools.sim.Endpoint;
import io.camerabridge.tools.sim.PekatSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service as a PLC peer over OPC UA: the fake GigE camera with {@code trigger.mode: plc},
 * the PEKAT simulator (and a second one for a recipe), and Milo's client as the PLC. The PLC writes
 * a part id, calls Trigger(), waits for ResultValid, reads the result and acknowledges it
 * (handshake queue), the way a PLC program does.
 */
class PlcEndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static FakeGvCameraProcess camera;

  @TempDir Path dir;

  @BeforeAll
  static void startCamera() throws IOException {
    camera = FakeGvCameraProcess.builder().serial(BridgeHarness.serial("PLC")).start();
  }

  @AfterAll
  static void stopCamera() {
    if (camera != null) {
      camera.close();
    }
  }

  /** One result as the PLC read it while ResultValid was set. */
  private record Seen(long sequence, String verdict) {}

  @Test
  void aPlcTriggersPartsSeesEachResultInOrderWithItsPartIdAcksAndSwitchesRecipe() throws Exception {
    try (PekatSimulator main = PlcRig.simulator();
        PekatSimulator recipe1 = PlcRig.simulator()) {
      main.setNgEvery(3);
      String plcYaml =
          "plc: { opcua: { listen: \"127.0.0.1:0\", pkiDir: \""
              + dir.resolve("pki")
              + "\" }, handshake: queue, queue: 8, recipes: { 1: \""
              + recipe1.baseUri()
              + "\" } }";
      String yaml = PlcRig.config(plcYaml, camera, main, dir, 0);
      List<Seen> seen = new ArrayList<>();
      try (BridgeHarness harness = BridgeHarness.start(dir, yaml)) {
        int port = PlcRig.server(harness, "opcua").port();
        try (PlcOpcUaClient plc = PlcOpcUaClient.anonymous(port)) {
          List<Long> pushed = new CopyOnWriteArrayList<>();
          plc.subscribe(
              "cam",
              List.of("Sequence"),
              0.0,
              (names, values) -> values.forEach(v -> pushed.add(sequenceOf(v))));
          await().atMost(WAIT).until(() -> state(plc).equals("streaming"));

          // Parts one by one: part id, trigger, result, ack.
          for (int part = 1; part <= 6; part++) {
            plc.write("cam", "PartId", new Variant("P-" + part));
            assertThat(plc.trigger("cam").getOutputArguments()[0].getValue()).isEqualTo(true);
            seen.add(awaitResult(plc, lastSequence(seen)));
            plc.write("cam", "Ack", new Variant(true));
          }
          // A burst: three triggers before any ack; the queue shows them one at a time.
          for (int part = 7; part <= 9; part++) {
            var pipeline = harness.bridge.pipelines().get(0);
            long acquired = pipeline.stats().snapshot().acquired();
            plc.write("cam", "PartId", new Variant("P-" + part));
            plc.trigger("cam");
            // The next part id must not overtake this frame: wait until the frame is acquired.
            await().atMost(WAIT).until(() -> pipeline.stats().snapshot().acquired() > acquired);
          }
          for (int part = 7; part <= 9; part++) {
            seen.add(awaitResult(plc, lastSequence(seen)));
            plc.write("cam", "Ack", new Variant(true));
          }

          // Recipe 1: the next frame goes to the second simulator.
          long mainBefore = main.stats().count(Endpoint.ANALYZE_RAW_IMAGE);
          plc.write("cam", "Recipe", new Variant(1));
          await().atMost(WAIT).until(() -> readInt(plc, "Recipe") == 1);
          plc.trigger("cam");
          seen.add(awaitResult(plc, lastSequence(seen)));
          plc.write("cam", "Ack", new Variant(true));

          assertThat(recipe1.stats().count(Endpoint.ANALYZE_RAW_IMAGE)).isEqualTo(1);
          assertThat(main.stats().count(Endpoint.ANALYZE_RAW_IMAGE)).isEqualTo(mainBefore);
          assertThat(seen).extracting(Seen::sequence).isSorted().doesNotHaveDuplicates();
          assertThat(seen).hasSize(10);
          // Pushed, not polled: the last result arrives without a read. The client's queue of 1
          // keeps only the newest value per publishing interval, so not every value need come.
          long last = lastSequence(seen);
          await().atMost(WAIT).until(() -> pushed.contains(last));
          assertThat(pushed).as("in order").isSorted();
          assertThat(PlcRig.functionCounter(harness, "camerabridge.plc.acks")).isEqualTo(10);
        }
      }
      // The journal is complete once the service has stopped.
      List<JsonNode> journal = PlcRig.journal(dir);
      assertThat(journal).hasSize(10).as("exactly one frame per Trigger()");
      for (int i = 0; i < seen.size(); i++) {
        JsonNode record = PlcRig.journalRecord(journal, seen.get(i).sequence());
        assertThat(record.get("verdict").asText())
            .as("verdict of sequence %d", seen.get(i).sequence())
            .isEqualTo(seen.get(i).verdict());
        if (i < 9) {
          assertThat(record.get("partId").asText()).isEqualTo("P-" + (i + 1));
        } else {
          assertThat(record.has("partId")).as("a part id goes with one frame only").isFalse();
        }
      }
      assertThat(seen).extracting(Seen::verdict).contains("NG", "OK");
    }
  }

  private static long lastSequence(List<Seen> seen) {
    return seen.isEmpty() ? 0 : seen.get(seen.size() - 1).sequence();
  }

  /** Polls as a PLC does: ResultValid set and a sequence newer than the last acknowledged. */
  private static Seen awaitResult(PlcOpcUaClient plc, long after) {
    Seen[] result = new Seen[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              if (!(Boolean) plc.read("cam", "ResultValid").getValue().getValue()) {
                return false;
              }
              long sequence = sequenceOf(plc.read("cam", "Sequence"));
              if (sequence <= after) {
                return false;
              }
              String verdict = (String) plc.read("cam", "Verdict").getValue().getValue();
              result[0] = new Seen(sequence, verdict);
              return true;
            });
    return result[0];
  }

  private static long sequenceOf(DataValue value) {
    return ((ULong) value.getValue().getValue()).longValue();
  }

  private static String state(PlcOpcUaClient plc) throws Exception {
    return (String) plc.read("cam", "State").getValue().getValue();
  }

  private static int readInt(PlcOpcUaClient plc, String variable) throws Exception {
    return (Integer) plc.read("cam", variable).getValue().getValue();
  }
}
