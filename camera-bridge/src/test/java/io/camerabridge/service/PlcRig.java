package io.camerabridge.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import io.camerabridge.plc.PlcServer;
import io.camerabridge.tools.sim.PekatSimulator;
import io.camerabridge.tools.sim.Processing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the end-to-end PLC tests share: the service with one {@code trigger.mode: plc} camera on the
 * fake GigE camera, a PEKAT simulator, the PLC block under test, and the camera's journal to check
 * against what the PLC saw.
 */
final class PlcRig {
  static final String CAMERA = "cam";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private PlcRig() {}

  /** {@code /health} over HTTP, as a monitoring system reads it. */
  record Health(int status, JsonNode body) {
    JsonNode plc() {
      return body.path("plc");
    }
  }

  static Health health(BridgeHarness harness) throws IOException, InterruptedException {
    InetSocketAddress a = harness.bridge.statusAddress().orElseThrow();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://" + Bridge.hostPort(a) + "/health"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Health(r.statusCode(), JSON.readTree(r.body()));
  }

  static PekatSimulator simulator() {
    return PekatSimulator.builder().port(0).processing(Processing.DISCARD).build().start();
  }

  /** The service's YAML: {@code plcYaml} is the whole top-level {@code plc:} entry. */
  static String config(
      String plcYaml, FakeGvCameraProcess camera, PekatSimulator pekat, Path dir, int slot) {
    return BridgeHarness.base()
        .yaml(plcYaml)
        .camera(
            BridgeHarness.camera(
                CAMERA,
                camera.deviceId(),
                pekat.baseUri().toString(),
                dir,
                640,
                480,
                "frameRate: 30",
                "trigger: { mode: plc }",
                "plc: { slot: " + slot + " }"))
        .toYaml();
  }

  /** The running server of {@code protocol} ("opcua", "modbus"). */
  static PlcServer server(BridgeHarness harness, String protocol) {
    return harness.bridge.plcServers().orElseThrow().servers().stream()
        .filter(r -> r.protocol().equals(protocol))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + protocol + " server running"))
        .server();
  }

  /** The camera's journal; complete once the service has stopped. */
  static List<JsonNode> journal(Path dir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(CAMERA + ".jsonl"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  static JsonNode journalRecord(List<JsonNode> journal, long sequence) {
    return journal.stream()
        .filter(j -> j.get("sequence").asLong() == sequence)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no journal record for sequence " + sequence));
  }

  static double functionCounter(BridgeHarness harness, String name) {
    return harness.bridge.metrics().registry().get(name).functionCounter().count();
  }
}
