package io.camerabridge.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.metrics.MeterTags;
import io.camerabridge.ops.CameraHealth;
import io.camerabridge.ops.CameraState;
import io.camerabridge.pekat.ClassLabel;
import io.camerabridge.pekat.DetectedRectangle;
import io.camerabridge.pipeline.CameraPipeline;
import io.camerabridge.pipeline.PipelineStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the console's cards show, as the JSON of {@code GET /api/cameras} and of the event stream.
 * Built from the pipelines' own counters (no second bookkeeping); holds nothing secret: no URL, no
 * key, no token.
 */
final class CameraCards {
  private final ObjectMapper json;
  private final List<CameraConfig> cameras;
  private final Function<String, Optional<CameraPipeline>> pipelines;
  private final Map<String, CameraPreview> previews;
  private final MeterRegistry registry;
  private final Function<String, Object> outputs;
  private final Map<String, long[]> lastAcquired = new HashMap<>();
  private final Map<String, Double> fps = new HashMap<>();

  /**
   * @param outputs each camera's outputs' state for the card (a JSON-able value), or null while
   *     there is nothing to show
   */
  CameraCards(
      ObjectMapper json,
      List<CameraConfig> cameras,
      Function<String, Optional<CameraPipeline>> pipelines,
      Map<String, CameraPreview> previews,
      MeterRegistry registry,
      Function<String, Object> outputs) {
    this.json = json;
    this.cameras = cameras;
    this.pipelines = pipelines;
    this.previews = previews;
    this.registry = registry;
    this.outputs = outputs;
  }

  /** Recomputes the frame rates from the acquired counters; called once a second. */
  synchronized void sample(long nowNanos) {
    for (CameraConfig c : cameras) {
      long acquired = pipelines.apply(c.id()).map(p -> p.stats().snapshot().acquired()).orElse(0L);
      long[] last = lastAcquired.put(c.id(), new long[] {acquired, nowNanos});
      if (last != null && nowNanos > last[1]) {
        fps.put(c.id(), Math.max(0, acquired - last[0]) * 1e9 / (nowNanos - last[1]));
      }
    }
  }

  synchronized ArrayNode all() {
    ArrayNode out = json.createArrayNode();
    cameras.forEach(c -> out.add(card(c)));
    return out;
  }

  private ObjectNode card(CameraConfig c) {
    ObjectNode card = json.createObjectNode();
    card.put("id", c.id());
    card.put("device", c.device());
    card.put("enabled", c.enabled());
    Optional<CameraPipeline> pipeline = pipelines.apply(c.id());
    CameraHealth health = pipeline.map(CameraPipeline::health).orElse(null);
    CameraState state =
        health != null ? health.state() : c.enabled() ? CameraState.STARTING : CameraState.STOPPED;
    card.put("state", state.label());
    card.put("fps", round(fps.getOrDefault(c.id(), 0.0)));
    number(card, "lastFrameAgeSeconds", health == null ? Double.NaN : health.lastFrameAgeSeconds());
    card.put("analyzerReachable", health != null && health.analyzerReachable());
    PipelineStats.Snapshot s = pipeline.map(p -> p.stats().snapshot()).orElse(null);
    ObjectNode latency = card.putObject("latencyMs");
    number(latency, "p50", s == null ? Double.NaN : s.p50Millis());
    number(latency, "p99", s == null ? Double.NaN : s.p99Millis());
    ObjectNode counts = card.putObject("counts");
    counts.put("acquired", s == null ? 0 : s.acquired());
    counts.put("ok", s == null ? 0 : s.ok());
    counts.put("ng", s == null ? 0 : s.ng());
    counts.put("noVerdict", s == null ? 0 : s.noVerdict());
    counts.put("failed", s == null ? 0 : s.failed());
    counts.put("dropped", s == null ? 0 : s.dropped());
    counts.put("reconnects", s == null ? 0 : s.reconnects());
    ObjectNode drops = card.putObject("drops");
    for (Counter counter :
        registry
            .find(BridgeMeter.FRAMES_DROPPED.meterName())
            .tag(MeterTags.CAMERA, c.id())
            .counters()) {
      String reason = counter.getId().getTag(MeterTags.REASON);
      if (reason != null && counter.count() > 0) {
        drops.put(reason, (long) counter.count());
      }
    }
    CameraPreview preview = previews.get(c.id());
    preview(card, preview);
    verdict(card, preview);
    Object out = outputs.apply(c.id());
    if (out == null) {
      card.putNull("outputs");
    } else {
      card.set("outputs", json.valueToTree(out));
    }
    return card;
  }

  private void preview(ObjectNode card, CameraPreview preview) {
    Optional<Preview> p = preview == null ? Optional.empty() : preview.latest();
    if (p.isEmpty()) {
      card.putNull("preview");
      return;
    }
    ObjectNode node = card.putObject("preview");
    node.put("previewId", p.get().sequence());
    node.put("sequence", p.get().frame().sequence());
    node.put("frameId", p.get().frame().frameId());
    node.put("at", p.get().at().toString());
    node.put("frameWidth", p.get().frame().width());
    node.put("frameHeight", p.get().frame().height());
  }

  private void verdict(ObjectNode card, CameraPreview preview) {
    Optional<Verdict> v = preview == null ? Optional.empty() : preview.verdict();
    if (v.isEmpty()) {
      card.putNull("verdict");
      return;
    }
    ObjectNode node = card.putObject("verdict");
    node.put("sequence", v.get().sequence());
    node.put("frameId", v.get().frameId());
    node.put("at", v.get().at().toString());
    node.put("outcome", v.get().outcome());
    if (v.get().analyzer() != null) {
      node.put("analyzer", v.get().analyzer());
    }
    node.set("rectangles", rectangles(json, v.get().rectangles()));
  }

  static ArrayNode rectangles(ObjectMapper json, List<DetectedRectangle> rectangles) {
    ArrayNode out = json.createArrayNode();
    for (DetectedRectangle r : rectangles) {
      ObjectNode node = out.addObject();
      node.put("x", r.x());
      node.put("y", r.y());
      node.put("width", r.width());
      node.put("height", r.height());
      number(node, "confidence", r.confidence());
      ArrayNode classes = node.putArray("classes");
      for (ClassLabel label : r.classNames()) {
        classes.add(label.label());
      }
    }
    return out;
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.putNull(name);
    } else {
      node.put(name, round(value));
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
