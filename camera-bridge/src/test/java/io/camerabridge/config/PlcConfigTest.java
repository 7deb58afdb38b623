package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code plc:} block and a camera's {@code plc:} and {@code trigger.mode: plc} bind. */
class PlcConfigTest {
  private static BridgeConfig load(String yaml) throws ConfigException {
    return new ConfigLoader(Map.of("OPCUA_PASSWORD", "s3cret-plc")).parse("test.yaml", yaml);
  }

  @Test
  void everyKeyBinds() throws ConfigException {
    BridgeConfig config =
        load(
            """
            plc:
              opcua:
                listen: "127.0.0.1:0"
                security: sign-and-encrypt
                users: { plc: "${OPCUA_PASSWORD}" }
                pkiDir: /tmp/pki
              modbus: { listen: "127.0.0.1:1502", unitId: 7 }
              handshake: queue
              queue: 32
              recipes:
                2: "http://127.0.0.1:8002"
                1: "http://127.0.0.1:8001"
            cameras:
              - id: top
                device: CAM-1
                pixelFormat: Mono8
                trigger: { mode: plc }
                pekat: { url: "http://127.0.0.1:8000" }
                plc: { slot: 3 }
            """);

    PlcConfig plc = config.plcServers().orElseThrow();
    assertThat(plc.opcua().port()).isZero();
    assertThat(plc.opcua().security()).isEqualTo(OpcUaSecurity.SIGN_AND_ENCRYPT);
    assertThat(plc.opcua().users().get("plc").reveal()).isEqualTo("s3cret-plc");
    assertThat(plc.modbus().unitId()).isEqualTo(7);
    assertThat(plc.modbus().port()).isEqualTo(1502);
    assertThat(plc.handshake()).isEqualTo(PlcHandshake.QUEUE);
    assertThat(plc.queue()).isEqualTo(32);
    assertThat(plc.recipes())
        .containsExactly(
            Map.entry(1, URI.create("http://127.0.0.1:8001")),
            Map.entry(2, URI.create("http://127.0.0.1:8002")));
    CameraConfig camera = config.cameras().get(0);
    assertThat(camera.plc().slot()).isEqualTo(3);
    assertThat(camera.trigger().mode()).isEqualTo(TriggerMode.PLC);
    // A PLC trigger may pause for as long as the line stands: no frame watchdog.
    assertThat(camera.frameWatchdog()).isEmpty();
  }

  @Test
  void withoutThePlcBlockNothingIsConfigured() throws ConfigException {
    BridgeConfig config =
        load(
            """
            cameras:
              - id: top
                device: CAM-1
                pixelFormat: Mono8
                pekat: { url: "http://127.0.0.1:8000" }
            """);

    assertThat(config.plcServers()).isEmpty();
    assertThat(config.cameras().get(0).plc().slot()).isNull();
  }

  @Test
  void defaultsAreLatestAndSixteen() throws ConfigException {
    BridgeConfig config =
        load(
            """
            plc:
              opcua: {}
            cameras:
              - id: top
                device: CAM-1
                pixelFormat: Mono8
                pekat: { url: "http://127.0.0.1:8000" }
            """);

    PlcConfig plc = config.plcServers().orElseThrow();
    assertThat(plc.handshake()).isEqualTo(PlcHandshake.LATEST);
    assertThat(plc.queue()).isEqualTo(PlcConfig.DEFAULT_QUEUE);
    assertThat(plc.opcua().listen()).isEqualTo(OpcUaConfig.DEFAULT_LISTEN);
    assertThat(plc.modbusServer()).isEmpty();
  }
}
