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

  /**
   * {@code expr} with Grafana's variables replaced as Grafana would for one camera: {@code $camera}
   * by {@code cameraRegex}, {@code $__rate_interval} and {@code $__interval} by {@code
   * rateInterval}, {@code $__range} by {@code range}.
   */
  public static String resolve(String expr, String cameraRegex, String rateInterval, String range) {
    String out =
        expr.replace("$__rate_interval", rateInterval)
            .replace("$__interval", rateInterval)
            .replace("$__range", range)
            .replace("$camera", cameraRegex);
    if (out.contains("$")) {
      throw new IllegalArgumentException("a Grafana variable is left in " + out);
    }
    return out;
  }

  /** The {@code label_values(SELECTOR, LABEL)} query of the dashboard's {@code camera} variable. */
  public static String cameraVariableQuery() {
    for (JsonNode variable : json().path("templating").path("list")) {
      if (variable.path("name").asText().equals("camera")) {
        return variable.path("query").path("query").asText();
      }
    }
    throw new IllegalStateException("the dashboard has no camera variable");
  }

  /** Every Prometheus series name {@link BridgeMeter} publishes, histogram suffixes included. */
  public static Set<String> publishedSeries() {
    Set<String> names = new HashSet<>();
    for (MeterSpec meter : MeterSpec.all()) {
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
