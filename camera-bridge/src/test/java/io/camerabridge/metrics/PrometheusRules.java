package io.camerabridge.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped Prometheus rules ({@code config/prometheus/camera-bridge.rules.yml}) as tests read
 * it.
 */
public final class PrometheusRules {

  public static final Path FILE =
      GrafanaDashboard.ROOT.resolve("config/prometheus/camera-bridge.rules.yml");
  public static final Path TESTS =
      GrafanaDashboard.ROOT.resolve("config/prometheus/camera-bridge.rules.test.yml");

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * One rule: a recording rule has {@code record}, an alerting rule {@code alert}; {@code
   * forWindow} is the rule's {@code for:} text, empty when it has none.
   */
  public record Rule(
      String group,
      String record,
      String alert,
      String expr,
      String forWindow,
      Map<String, String> labels,
      Map<String, String> annotations) {

    public boolean isAlert() {
      return alert != null;
    }

    public String name() {
      return isAlert() ? alert : record;
    }
  }

  private PrometheusRules() {}

  public static List<Rule> all() {
    List<Rule> out = new ArrayList<>();
    for (JsonNode group : tree(FILE).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        out.add(
            new Rule(
                group.get("name").asText(),
                text(rule, "record"),
                text(rule, "alert"),
                rule.get("expr").asText(),
                rule.path("for").asText(""),
                strings(rule.path("labels")),
                strings(rule.path("annotations"))));
      }
    }
    return out;
  }

  public static List<Rule> alerts() {
    return all().stream().filter(Rule::isAlert).toList();
  }

  public static List<Rule> recordings() {
    return all().stream().filter(r -> !r.isAlert()).toList();
  }

  /**
   * Writes a copy of the rules in which every alert's {@code for:} is {@code forWindow} (e.g.
   * {@code 1s}), so a test sees alerts fire within seconds; everything else is unchanged.
   */
  public static void writeWithFor(Path target, String forWindow) {
    JsonNode root = tree(FILE);
    for (JsonNode group : root.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) {
          ((ObjectNode) rule).put("for", forWindow);
        }
      }
    }
    try {
      YAML.writeValue(target.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
