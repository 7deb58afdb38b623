package io.camerabridge.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;

/**
 * The MQTT library must not bring a second Netty: every Netty jar on the runtime class path is one
 * 4.2 release (the BOM's), and Paho itself is a jar without dependencies. Eclipse Milo (the OPC UA
 * server) is built against Netty 4.1; the BOM pins it to the same 4.2 release (its one extra jar,
 * digitalpetri's netty-channel-fsm, is a state machine on top of Netty, not a Netty of its own),
 * and so does it for digitalpetri's modbus (the Modbus TCP server).
 */
class NettyConvergenceTest {

  private static List<String> classPathJars() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(p -> new File(p).getName())
        .filter(n -> n.endsWith(".jar"))
        .toList();
  }

  @Test
  void everyNettyJarIsTheSame42Release() {
    Set<String> versions =
        Version.identify().values().stream()
            .map(Version::artifactVersion)
            .collect(Collectors.toSet());

    assertThat(versions).hasSize(1);
    assertThat(versions.iterator().next()).startsWith("4.2.");
    Map<String, Version> artifacts = Version.identify();
    assertThat(artifacts).containsKey("netty-codec-http");
    assertThat(
            classPathJars().stream()
                .filter(n -> n.startsWith("netty-") && !n.startsWith("netty-channel-fsm-")))
        .allMatch(n -> n.contains("-" + versions.iterator().next()));
  }

  @Test
  void miloRunsOnTheSameNetty() {
    assertThat(classPathJars())
        .contains("milo-transport-1.1.2.jar", "milo-sdk-server-1.1.2.jar")
        .noneMatch(n -> n.startsWith("netty-") && n.contains("-4.1."))
        .noneMatch(n -> n.startsWith("netty-all"));
  }

  @Test
  void digitalpetriModbusRunsOnTheSameNetty() {
    // Its traffic beside the PEKAT client and Milo: pekat.PlcServersBesidePekatClientTest.
    assertThat(classPathJars())
        .contains("modbus-2.1.4.jar", "modbus-tcp-2.1.4.jar")
        .noneMatch(n -> n.startsWith("netty-") && n.contains("-4.1."))
        .noneMatch(n -> n.startsWith("netty-all"));
  }

  @Test
  void pahoIsOnTheClassPathWithoutANettyOfItsOwn() {
    String paho =
        new File(MqttClient.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .getName();

    assertThat(paho).isEqualTo("org.eclipse.paho.client.mqttv3-1.2.5.jar");
    assertThat(classPathJars()).noneMatch(n -> n.contains("hivemq") || n.contains("rxjava"));
  }
}
