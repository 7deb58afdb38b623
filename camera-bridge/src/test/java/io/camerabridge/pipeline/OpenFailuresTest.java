package io.camerabridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How a camera's failed opens are retried and logged: absent soon, misconfigured slowly. */
class OpenFailuresTest {
  private final Logger log = (Logger) LoggerFactory.getLogger(CameraPipeline.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final OpenFailures failures = new OpenFailures("top");

  @BeforeEach
  void attach() {
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void detach() {
    log.detachAppender(events);
  }

  @Test
  void aRefusedConfigurationBacksOffFromTwoSecondsToAMinuteAndIsLoggedOncePerMessage() {
    CameraSetupException refused = CameraSetupException.refused("top", "width 4000 too wide");
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(failures.failed(refused));
    }
    assertThat(delays)
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
    assertThat(failures.misconfiguration()).hasValue(refused.getMessage());
    failures.failed(CameraSetupException.refused("top", "offsetX 1600 too far"));
    assertThat(errors()).hasSize(2);
    assertThat(errors().get(0)).contains("width 4000");
    assertThat(errors().get(1)).contains("offsetX 1600");
  }

  @Test
  void anAbsentCameraIsRetriedSoonAndClearsTheMisconfiguration() {
    failures.failed(CameraSetupException.refused("top", "width 4000 too wide"));
    assertThat(failures.failed(new RuntimeException("no camera matches"))).hasMillis(500);
    assertThat(failures.failed(new RuntimeException("no camera matches"))).hasSeconds(1);
    assertThat(failures.misconfiguration()).isEmpty();
    failures.succeeded();
    assertThat(failures.failed(CameraSetupException.refused("top", "x"))).hasSeconds(2);
  }

  @Test
  void aCauseFromTheCameraOrTheFeatureRunnerIsAMisconfigurationAndATimeoutIsNot() {
    var unknownEntry =
        new io.camerabridge.bindings.aravis.AravisException(
            "Setting PixelFormat", CameraSetupException.GENICAM_ERROR_DOMAIN, 8, "not found");
    var timeout =
        new io.camerabridge.bindings.aravis.AravisException(
            "Reading Width",
            io.camerabridge.bindings.aravis.AravisException.DEVICE_ERROR_DOMAIN,
            io.camerabridge.bindings.aravis.AravisException.DeviceError.TIMEOUT.code(),
            "timeout");
    assertThat(new CameraSetupException("top", "cannot set", unknownEntry).misconfiguration())
        .isTrue();
    assertThat(new CameraSetupException("top", "cannot read", timeout).misconfiguration())
        .isFalse();
  }

  private List<String> errors() {
    return events.list.stream()
        .filter(e -> e.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
