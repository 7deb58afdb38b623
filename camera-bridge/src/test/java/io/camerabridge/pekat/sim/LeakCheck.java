package io.camerabridge.pekat.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector (paranoid in this build: every buffer tracked)
 * reports a buffer the simulator never released. Checked once per class, after the simulators have
 * closed: a collection makes unreleased buffers unreachable, and new allocations make the detector
 * report them.
 */
final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
  private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    appender.start();
    detectorLog.addAppender(appender);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      for (int round = 0; round < 3; round++) {
        System.gc();
        for (int i = 0; i < 64; i++) {
          ByteBufAllocator.DEFAULT.directBuffer(16).release();
          ByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
      }
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .as("Netty buffer leaks reported")
          .noneMatch(message -> message.contains("LEAK"));
    } finally {
      detectorLog.detachAppender(appender);
      appender.stop();
    }
  }
}
