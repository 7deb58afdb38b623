package io.camerabridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("test.frames");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final AtomicLong clock = new AtomicLong();
  private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10), clock::get);

  @BeforeEach
  void attach() {
    appender.setContext(context);
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  @Test
  void firstOccurrenceIsLoggedAtOnceAndRepeatsAreSummarised() {
    for (int i = 0; i < 58; i++) {
      log.warn("top:timeout", "Analyzer timed out for camera {}", "top");
    }
    assertThat(messages()).containsExactly("Analyzer timed out for camera top");

    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    log.warn("top:timeout", "Analyzer timed out for camera {}", "top");

    assertThat(messages())
        .containsExactly(
            "Analyzer timed out for camera top",
            "Analyzer timed out for camera top [+57 more in the last 10 s]");
    assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void keysAreLimitedSeparately() {
    log.warn("top:timeout", "top timed out");
    log.warn("side:timeout", "side timed out");
    log.warn("top:timeout", "top timed out");
    assertThat(messages()).containsExactly("top timed out", "side timed out");
  }

  @Test
  void flushReportsWhatWasHeldBack() {
    log.error("top:io", "I/O error on {}", "top");
    log.error("top:io", "I/O error on {}", "top");
    log.error("top:io", "I/O error on {}", "top");
    log.flush();
    log.flush();
    assertThat(messages())
        .containsExactly("I/O error on top", "I/O error on top [+2 more in the last 10 s]");
    assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void disabledLevelCostsNothingAndCountsNothing() {
    logger.setLevel(Level.ERROR);
    log.info("top:busy", "busy");
    logger.setLevel(Level.DEBUG);
    log.flush();
    assertThat(messages()).isEmpty();
  }

  @Test
  void keysBeyondTheBoundShareOneWindow() {
    for (int i = 0; i < RateLimitedLog.MAX_KEYS + 5; i++) {
      log.info("frame-" + i, "frame {}", i);
    }
    assertThat(messages()).hasSize(RateLimitedLog.MAX_KEYS + 1);
  }

  private List<String> messages() {
    return appender.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.toList());
  }
}
