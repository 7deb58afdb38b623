package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camerabridge.metrics.PrometheusRules.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * config/prometheus/camera-bridge.rules.yml passes Prometheus's own {@code promtool check rules}
 * and the unit tests in camera-bridge.rules.test.yml ({@code promtool test rules}); every alert is
 * unit-tested, labelled with a severity and annotated with the camera it is about; the rules query
 * only catalogued series.
 */
class RulesPromtoolTest {

  private static final Pattern SERIES = Pattern.compile("camerabridge_[a-z_]+");
  private static final Pattern RECORDED = Pattern.compile("[a-z_]+:[a-z0-9_]+:[a-z0-9_]+");

  @Test
  void promtoolChecksTheRules() throws Exception {
    String out = promtool("check", "rules", PrometheusRules.FILE.toString());
    assertThat(out).contains("SUCCESS: " + PrometheusRules.all().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsPass() throws Exception {
    assertThat(promtool("test", "rules", PrometheusRules.TESTS.toString())).contains("SUCCESS");
  }

  @Test
  void everyAlertIsUnitTestedFiringAndQuiet() {
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : PrometheusRules.tree(PrometheusRules.TESTS).get("tests")) {
      for (JsonNode case_ : test.path("alert_rule_test")) {
        String name = case_.get("alertname").asText();
        (case_.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
      }
    }
    Set<String> alerts = new TreeSet<>();
    PrometheusRules.alerts().forEach(r -> alerts.add(r.alert()));
    assertThat(firing).as("alerts a unit test sees firing").isEqualTo(alerts);
    assertThat(quiet).as("alerts a unit test sees quiet").isEqualTo(alerts);
  }

  @Test
  void everyAlertHasASeverityASaneWindowAndNamesWhatItIsAbout() {
    List<Rule> alerts = PrometheusRules.alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
    for (Rule alert : alerts) {
      assertThat(alert.labels().get("severity"))
          .as("%s severity", alert.alert())
          .isIn("critical", "warning");
      assertThat(alert.alert()).startsWith("CameraBridge");
      String summary = alert.annotations().getOrDefault("summary", "");
      String description = alert.annotations().getOrDefault("description", "");
      assertThat(description).as("%s description", alert.alert()).hasSizeGreaterThan(80);
      // A per-camera alert names the camera; a per-process one the instance.
      String subject =
          alert.expr().contains("camerabridge_") && !perProcess(alert.expr())
              ? "$labels.camera"
              : "$labels.instance";
      assertThat(summary).as("%s summary", alert.alert()).contains(subject, "$labels.instance");
      assertThat(description).as("%s description", alert.alert()).contains(subject);
      if (!alert.forWindow().isEmpty()) {
        Duration window = Duration.parse("PT" + alert.forWindow().toUpperCase());
        assertThat(window)
            .as("%s for:", alert.alert())
            .isBetween(Duration.ofMinutes(1), Duration.ofMinutes(15));
      }
    }
  }

  @Test
  void rulesQueryOnlyCataloguedSeriesAndRecordedOnesDefinedBefore() {
    Set<String> published = GrafanaDashboard.publishedSeries();
    Set<String> recorded = new HashSet<>();
    for (Rule rule : PrometheusRules.all()) {
      Matcher r = RECORDED.matcher(rule.expr());
      while (r.find()) {
        assertThat(recorded).as("recorded series in %s", rule.name()).contains(r.group());
      }
      Matcher m = SERIES.matcher(RECORDED.matcher(rule.expr()).replaceAll(""));
      while (m.find()) {
        assertThat(published).as("series in %s", rule.name()).contains(m.group());
      }
      if (!rule.isAlert()) {
        assertThat(recorded.add(rule.record())).as("%s recorded twice", rule.record()).isTrue();
      }
    }
  }

  /** Runs promtool and returns its output; fails the test on a non-zero exit. */
  static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool not found: install Debian's prometheus package (scripts/install-deps.sh"
              + " --tests)",
          e);
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), text).isZero();
    return text;
  }

  /** The catalogued series the expression reads all lack a {@code camera} tag (e.g. the PLC's). */
  private static boolean perProcess(String expr) {
    Matcher m = SERIES.matcher(RECORDED.matcher(expr).replaceAll(""));
    boolean any = false;
    while (m.find()) {
      String series = m.group();
      for (MeterSpec spec : MeterSpec.all()) {
        if (series.startsWith(spec.meterName().replace('.', '_'))) {
          if (spec.tagKeys().contains(MeterTags.CAMERA)) {
            return false;
          }
          any = true;
        }
      }
    }
    return any;
  }
}
