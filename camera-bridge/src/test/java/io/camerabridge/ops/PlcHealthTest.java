package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code plc} section of {@code /health}: what it shows and when it turns the service red. */
class PlcHealthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CameraHealth STREAMING =
      new CameraHealth("top", true, CameraState.STREAMING, 0.01, true, true);

  @Test
  void servesEveryServerAndHandshakeAndStaysHealthyWhileAllServe() throws Exception {
    PlcHealth plc =
        new PlcHealth(
            List.of(
                new PlcHealth.Server("opcua", "0.0.0.0:4840", 1, null),
                new PlcHealth.Server("modbus", "127.0.0.1:1502", 2, null)),
            List.of(
                new PlcHealth.Slot("top", 3, 41, true, 0, 2),
                new PlcHealth.Slot("side", -1, 0, false, 5, 0)));

    HealthReport report = HealthReport.of(List.of(STREAMING), Optional.of(plc));

    assertThat(report.healthy()).isTrue();
    JsonNode json = JSON.readTree(report.toJson()).path("plc");
    assertThat(json.path("healthy").asBoolean()).isTrue();
    assertThat(json.path("servers").path("modbus").path("listen").asText())
        .isEqualTo("127.0.0.1:1502");
    assertThat(json.path("servers").path("modbus").path("clients").asInt()).isEqualTo(2);
    assertThat(json.path("servers").path("opcua").has("error")).isFalse();
    JsonNode top = json.path("cameras").path("top");
    assertThat(top.path("slot").asInt()).isEqualTo(3);
    assertThat(top.path("sequence").asLong()).isEqualTo(41);
    assertThat(top.path("resultValid").asBoolean()).isTrue();
    assertThat(top.path("queueDepth").asInt()).isEqualTo(2);
    assertThat(json.path("cameras").path("side").path("slot").isNull()).isTrue();
    assertThat(json.path("cameras").path("side").path("unacknowledged").asLong()).isEqualTo(5);
  }

  @Test
  void aServerThatDoesNotServeMakesTheServiceUnhealthy() throws Exception {
    PlcHealth plc =
        new PlcHealth(
            List.of(new PlcHealth.Server("opcua", "0.0.0.0:4840", 0, "cannot listen: in use")),
            List.of());

    HealthReport report = HealthReport.of(List.of(STREAMING), Optional.of(plc));

    assertThat(report.healthy()).isFalse();
    JsonNode json = JSON.readTree(report.toJson());
    assertThat(json.path("status").asText()).isEqualTo("unhealthy");
    assertThat(json.path("plc").path("servers").path("opcua").path("error").asText())
        .isEqualTo("cannot listen: in use");
  }

  @Test
  void withoutPlcThereIsNoSection() throws Exception {
    JsonNode json = JSON.readTree(HealthReport.of(List.of(STREAMING)).toJson());
    assertThat(json.has("plc")).isFalse();
  }
}
