package io.camerabridge.plc.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;

import io.camerabridge.config.OpcUaConfig;
import io.camerabridge.config.OpcUaSecurity;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.TestPlcCamera;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPC UA server against Milo's own client over TCP, security none and anonymous. */
class OpcUaPlcServerTest {
  private static final Instant FRAME_TIME = Instant.parse("2026-12-02T10:00:00.123Z");

  @TempDir java.nio.file.Path pki;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestPlcCamera top = new TestPlcCamera("top");
  private final TestPlcCamera side = new TestPlcCamera("side");
  private OpcUaPlcServer server;
  private PlcOpcUaClient plc;

  @BeforeEach
  void start() throws Exception {
    server =
        new OpcUaPlcServer(
            new OpcUaConfig("127.0.0.1:0", OpcUaSecurity.NONE, Map.of(), pki), registry);
    server.start(List.<PlcCamera>of(top, side));
    plc = PlcOpcUaClient.anonymous(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (plc != null) {
      plc.close();
    }
    server.close();
    top.close();
    side.close();
  }

  @Test
  void browsesCamerasFolderWithEveryVariableAndTrigger() throws Exception {
    assertThat(server.port()).isPositive();
    assertThat(browseNames(NodeIds.ObjectsFolder)).contains("Cameras");
    assertThat(browseNames(plc.node("Cameras"))).containsExactlyInAnyOrder("top", "side");

    Set<String> expected =
        java.util.Arrays.stream(CameraVariable.values())
            .map(CameraVariable::browseName)
            .collect(Collectors.toSet());
    expected.add("Trigger");
    assertThat(browseNames(plc.node("Cameras/top"))).containsExactlyInAnyOrderElementsOf(expected);
    List<ReferenceDescription> trigger =
        browse(plc.node("Cameras/top")).stream()
            .filter(r -> r.getBrowseName().name().equals("Trigger"))
            .toList();
    assertThat(trigger.get(0).getNodeClass()).isEqualTo(NodeClass.Method);
  }

  @Test
  void readsEveryVariableWithItsDataType() throws Exception {
    top.outcome(42, Outcome.NG, 3, FRAME_TIME);
    await().until(() -> plc.read("top", "Sequence").value().value(), ulong(42)::equals);

    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (CameraVariable variable : CameraVariable.values()) {
      DataValue value = plc.read("top", variable.browseName());
      assertThat(value.statusCode().isGood()).as(variable.browseName()).isTrue();
      values.put(variable.browseName(), value.value().value());
      assertThat(dataType("top", variable.browseName()))
          .as(variable.browseName())
          .isEqualTo(variable.dataType());
    }
    assertThat(values)
        .containsEntry("Sequence", ulong(42))
        .containsEntry("Verdict", "NG")
        .containsEntry("VerdictCode", 2)
        .containsEntry("Defects", 3)
        .containsEntry("FrameId", ulong(1042))
        .containsEntry("Timestamp", new DateTime(FRAME_TIME))
        .containsEntry("ResultValid", true)
        .containsEntry("Ack", false)
        .containsEntry("State", "streaming")
        .containsEntry("Fps", 29.5)
        .containsEntry("OK", ulong(0))
        .containsEntry("NG", ulong(1))
        .containsEntry("Failed", ulong(0))
        .containsEntry("Dropped", ulong(0))
        .containsEntry("LastErrorCode", 0)
        .containsEntry("PartId", "")
        .containsEntry("Recipe", 0);
    assertThat(plc.read("side", "Sequence").value().value()).isEqualTo(ulong(0));
    assertThat(plc.read("side", "Verdict").value().value()).isEqualTo("");
    assertThat(plc.read("side", "State").value().value()).isEqualTo("starting");
  }

  @Test
  void subscriptionIsPushedEveryOutcomeInOrderWithTheHandshake() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Map<String, Object> latest = new java.util.concurrent.ConcurrentHashMap<>();
    plc.subscribe(
        "top",
        List.of("Sequence", "Verdict", "ResultValid"),
        0.0,
        (names, values) -> {
          for (int i = 0; i < names.size(); i++) {
            latest.put(names.get(i), values.get(i).value().value());
          }
          if (names.contains("ResultValid") && Boolean.TRUE.equals(latest.get("ResultValid"))) {
            seen.add(latest.get("Sequence") + ":" + latest.get("Verdict"));
          }
        });
    await().until(() -> latest.containsKey("ResultValid"));

    List<String> expected = new ArrayList<>();
    for (long sequence = 1; sequence <= 5; sequence++) {
      Outcome verdict = sequence % 2 == 0 ? Outcome.NG : Outcome.OK;
      expected.add(ulong(sequence) + ":" + verdict);
      top.outcome(sequence, verdict, 0, FRAME_TIME);
      int shown = (int) sequence;
      await().until(() -> seen.size() == shown);
      assertThat(plc.write("top", "Ack", Variant.ofBoolean(true)).isGood()).isTrue();
      await().until(() -> Boolean.FALSE.equals(latest.get("ResultValid")));
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(top.acks()).isEqualTo(5);
    assertThat(
            registry
                .get("camerabridge.opcua.writes")
                .tags("camera", "top", "node", "Ack", "result", "accepted")
                .counter()
                .count())
        .isEqualTo(5);
  }

  @Test
  void partIdAndRecipeWritesReachTheCameraAndReadBack() throws Exception {
    assertThat(plc.write("top", "PartId", Variant.ofString("P-0815")).isGood()).isTrue();
    assertThat(plc.write("top", "Recipe", Variant.ofInt32(3)).isGood()).isTrue();

    assertThat(top.partIds()).containsExactly("P-0815");
    assertThat(top.recipes()).containsExactly(3);
    await().until(() -> plc.read("top", "PartId").value().value(), "P-0815"::equals);
    await().until(() -> plc.read("top", "Recipe").value().value(), Integer.valueOf(3)::equals);
    assertThat(side.partIds()).isEmpty();
  }

  @Test
  void refusesWritesToReadOnlyNodesWrongTypesAndOutOfRangeValues() throws Exception {
    assertThat(code(plc.write("top", "Sequence", Variant.ofUInt64(ulong(7)))))
        .isEqualTo(StatusCodes.Bad_NotWritable);
    assertThat(code(plc.write("top", "ResultValid", Variant.ofBoolean(true))))
        .isEqualTo(StatusCodes.Bad_NotWritable);
    assertThat(code(plc.write("top", "Ack", Variant.ofInt32(1))))
        .isEqualTo(StatusCodes.Bad_TypeMismatch);
    assertThat(code(plc.write("top", "PartId", Variant.ofInt32(5))))
        .isEqualTo(StatusCodes.Bad_TypeMismatch);
    assertThat(code(plc.write("top", "PartId", Variant.ofNull())))
        .isEqualTo(StatusCodes.Bad_TypeMismatch);
    assertThat(code(plc.write("top", "PartId", Variant.ofString("x".repeat(257)))))
        .isEqualTo(StatusCodes.Bad_OutOfRange);
    assertThat(code(plc.write("top", "Recipe", Variant.ofInt32(-1))))
        .isEqualTo(StatusCodes.Bad_OutOfRange);

    assertThat(top.partIds()).isEmpty();
    assertThat(top.recipes()).isEmpty();
    assertThat(top.acks()).isZero();
    // The server is still serving the same session.
    assertThat(plc.read("top", "Sequence").statusCode().isGood()).isTrue();
    assertThat(
            registry
                .get("camerabridge.opcua.writes")
                .tags("camera", "top", "node", "PartId", "result", "refused")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void triggerAsksTheCameraAndSaysWhetherItWasAccepted() throws Exception {
    CallMethodResult accepted = plc.trigger("top");
    assertThat(accepted.getStatusCode().isGood()).isTrue();
    assertThat(accepted.getOutputArguments()[0].value()).isEqualTo(true);
    assertThat(top.triggers()).isEqualTo(1);

    side.refuseTriggers();
    CallMethodResult refused = plc.trigger("side");
    assertThat(refused.getStatusCode().isGood()).isTrue();
    assertThat(refused.getOutputArguments()[0].value()).isEqualTo(false);
    assertThat(side.triggers()).isZero();

    assertThat(
            registry
                .get("camerabridge.opcua.calls")
                .tags("camera", "side", "result", "refused")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void countsSessions() throws Exception {
    await().untilAsserted(() -> assertThat(server.connectedClients()).isEqualTo(1));
    assertThat(registry.get("camerabridge.plc.clients").tag("protocol", "opcua").gauge().value())
        .isEqualTo(1.0);
    try (PlcOpcUaClient second = PlcOpcUaClient.anonymous(server.port())) {
      await().until(() -> server.connectedClients() == 2);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> server.connectedClients() == 1);
  }

  private long code(StatusCode status) {
    return status.value();
  }

  private NodeId dataType(String camera, String variable) throws Exception {
    DataValue value =
        plc.milo()
            .read(
                0.0,
                TimestampsToReturn.Neither,
                List.of(
                    new ReadValueId(
                        plc.node(camera, variable), AttributeId.DataType.uid(), null, null)))
            .getResults()[0];
    return (NodeId) value.value().value();
  }

  private List<String> browseNames(NodeId node) throws Exception {
    return browse(node).stream().map(r -> r.getBrowseName().name()).toList();
  }

  private List<ReferenceDescription> browse(NodeId node) throws Exception {
    var description =
        new BrowseDescription(
            node,
            BrowseDirection.Forward,
            NodeIds.HierarchicalReferences,
            true,
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint(0),
            org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint(
                BrowseResultMask.All.getValue()));
    ReferenceDescription[] references = plc.milo().browse(description).getReferences();
    return references == null ? List.of() : List.of(references);
  }
}
