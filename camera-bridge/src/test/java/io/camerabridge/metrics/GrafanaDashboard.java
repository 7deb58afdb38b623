package io.camerabridge.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shipped Grafana dashboard ({@code docs/grafana/camera-bridge.json}) as tests read it: its
 * panels' PromQL, and the series names the meter catalogue publishes.
 */
public final class GrafanaDashboard {

  /** The repository root: Maven passes it; {@code ..} from the module when run from an IDE. */
  public static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));

  public static final Path FILE = ROOT.resolve("docs/grafana/camera-bridge.json");

  /** One query of one panel. */
  public record Query(String panel, String refId, String expr) {}

  private GrafanaDashboard() {}

  public static JsonNode json() {
    try {
      return new ObjectMapper().readTree(FILE.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel query, in panel order, with Grafana's variables left in. */
  public static List<Query> queries() {
    List<Query> out = new ArrayList<>();
    for (JsonNode panel : json().get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(
            new Query(
                panel.path("title").asText(),
                target.path("refId").asText(),
                target.get("expr").asText()));
      }
    }
    return out;
  }

  /** Every Prometheus series name {@link BridgeMeter} publishes, histogram suffixes included. */
  public static Set<String> publishedSeries() {
    Set<String> names = new HashSet<>();
    for (BridgeMeter meter : BridgeMeter.values()) {
      String name = MeterCatalogue.prometheusName(meter);
      names.add(name);
      if (meter.type() == Meter.Type.TIMER || meter.type() == Meter.Type.DISTRIBUTION_SUMMARY) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
          names.add(name + suffix);
        }
      }
    }
    return names;
  }
}
