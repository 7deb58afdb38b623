package io.camerabridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.config.TriggerMode;
import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.ops.CameraHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The systemd watchdog's frame-silence limit is one constant ({@link
 * CameraHealth#WATCHDOG_FRAME_SILENCE_LIMIT}); every text that tells an operator the number, and
 * which trigger modes are exempt, says what the code does.
 */
class WatchdogLimitAgreesTest {
  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));
  private static final long LIMIT = CameraHealth.WATCHDOG_FRAME_SILENCE_LIMIT.toSeconds();

  @Test
  void theMetricTheAlertAndTheOperationsGuideStateTheLimitTheCodeUses() throws IOException {
    assertThat(BridgeMeter.WATCHDOG_FRAME_SILENCE.description()).contains("at " + LIMIT + " s");
    String rules = read("config/prometheus/camera-bridge.rules.yml");
    String alert = rules.substring(rules.indexOf("alert: CameraBridgeWatchdogNearLimit"));
    alert =
        alert.substring(
            0, alert.indexOf("- alert:", 10) < 0 ? alert.length() : alert.indexOf("- alert:", 10));
    assertThat(alert).contains("for " + LIMIT + " s").contains("at " + LIMIT + " s");
    Matcher threshold =
        Pattern.compile("camerabridge_watchdog_frame_silence_seconds > (\\d+)").matcher(alert);
    assertThat(threshold.find()).isTrue();
    assertThat(Long.parseLong(threshold.group(1))).as("the alert fires before").isLessThan(LIMIT);
    assertThat(section(read("docs/operations.md"), "### Watchdog restarts"))
        .contains("within the last " + LIMIT + " s");
  }

  @Test
  void onlyCamerasThatWaitForAnExternalTriggerAreExemptAndTheGuideSaysSo() throws IOException {
    assertThat(TriggerMode.HARDWARE.waitsForExternalSignal()).isTrue();
    assertThat(TriggerMode.PLC.waitsForExternalSignal()).isTrue();
    assertThat(TriggerMode.SOFTWARE.waitsForExternalSignal()).isFalse();
    assertThat(TriggerMode.FREE_RUN.waitsForExternalSignal()).isFalse();
    CameraHealth software =
        new CameraHealth(
            "sw",
            true,
            io.camerabridge.ops.CameraState.STREAMING,
            LIMIT + 1.0,
            true,
            TriggerMode.SOFTWARE.waitsForExternalSignal());
    assertThat(software.watchdogFrameSilenceSeconds()).isEqualTo(LIMIT + 1.0);
    String guide = section(read("docs/operations.md"), "### Watchdog restarts");
    assertThat(guide)
        .contains("waiting for a hardware trigger is exempt")
        .contains("software-triggered camera is not")
        .doesNotContain("hardware or software trigger is");
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
  }

  private static String section(String doc, String heading) {
    int start = doc.indexOf(heading);
    assertThat(start).as(heading).isNotNegative();
    int end = doc.indexOf("\n#", start + heading.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }
}
