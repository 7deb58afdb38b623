package io.camerabridge.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /health} document: healthy when every enabled camera streams and its frames are being
 * analysed, and every configured PLC server serves. With no enabled camera the service has nothing
 * to do and counts as healthy.
 */
record HealthReport(boolean healthy, List<CameraHealth> cameras, Optional<PlcHealth> plc) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static HealthReport of(List<CameraHealth> cameras) {
    return of(cameras, Optional.empty());
  }

  static HealthReport of(List<CameraHealth> cameras, Optional<PlcHealth> plc) {
    List<CameraHealth> copy = List.copyOf(cameras);
    boolean healthy =
        copy.stream().allMatch(CameraHealth::healthy) && plc.map(PlcHealth::healthy).orElse(true);
    return new HealthReport(healthy, copy, plc);
  }

  private static void output(ObjectNode node, OutputHealth o) {
    node.put("type", o.type()).put("state", o.state());
    if (o.problem() != null) {
      node.put("failingSeconds", Math.round(o.failingSeconds() * 10) / 10.0);
      node.put("problem", o.problem());
    }
  }

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", healthy ? "healthy" : "unhealthy");
    ObjectNode byId = root.putObject("cameras");
    for (CameraHealth camera : cameras) {
      ObjectNode node = byId.putObject(camera.cameraId());
      node.put("enabled", camera.enabled());
      node.put("state", camera.state().label());
      if (camera.hasFrame()) {
        node.put("lastFrameAgeSeconds", Math.round(camera.lastFrameAgeSeconds() * 1000) / 1000.0);
      } else {
        node.putNull("lastFrameAgeSeconds");
      }
      node.put("analyzerReachable", camera.analyzerReachable());
      node.put("analysing", !camera.analysisStalled());
      node.put("unanalysedSeconds", Math.round(camera.unanalysedSeconds() * 10) / 10.0);
      if (!camera.analyzers().isEmpty()) {
        ObjectNode instances = node.putObject("analyzers");
        camera.analyzers().forEach(instances::put);
      }
      if (!camera.outputs().isEmpty()) {
        ObjectNode outputs = node.putObject("outputs");
        camera.outputs().forEach(o -> output(outputs.putObject(o.output()), o));
      }
      camera.records().forEach(r -> output(node.putObject(r.output()), r));
      node.put("triggered", camera.triggered());
      if (camera.ptpStatus() != null) {
        node.put("ptpStatus", camera.ptpStatus());
      }
      if (camera.error() != null) {
        node.put("error", camera.error());
      }
    }
    plc.ifPresent(p -> p.writeTo(root.putObject("plc")));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render /health", e);
    }
  }
}
