package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test when Netty's leak detector reports a leaked buffer. The build runs tests with {@code
 * -Dio.netty.leakDetection.level=paranoid}, so every allocator buffer is tracked; a leak is
 * reported when the garbage collector finds an unreleased tracked buffer, which this check provokes
 * after the test (collect, then allocate so the detector drains its queue) before reading the
 * detector's log output.
 *
 * <p>Frames wrapped with {@code NativeFrameBuf} are not allocator buffers; tests check those with
 * {@link io.camerabridge.frame.FrameLeases#outstanding()}.
 */
final class NettyLeakCheck implements BeforeEachCallback, AfterEachCallback {
  private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    assertThat(ResourceLeakDetector.getLevel())
        .as("tests must run with -Dio.netty.leakDetection.level=paranoid")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    appender.start();
    detectorLog.addAppender(appender);
    if (!detectorLog.isErrorEnabled()) {
      detectorLog.setLevel(Level.ERROR);
    }
    // Leaks from earlier tests (other classes share the JVM) are reported now and not blamed on
    // this one.
    provokeLeakReports();
    appender.list.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      provokeLeakReports();
      List<String> leaks =
          appender.list.stream()
              .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("LEAK"))
              .toList();
      assertThat(leaks).as("Netty buffer leaks reported during the test").isEmpty();
    } finally {
      detectorLog.detachAppender(appender);
      appender.stop();
    }
  }

  private static void provokeLeakReports() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      System.runFinalization();
      for (ByteBufAllocator alloc :
          new ByteBufAllocator[] {
            ByteBufAllocator.DEFAULT,
            PooledByteBufAllocator.DEFAULT,
            UnpooledByteBufAllocator.DEFAULT
          }) {
        for (int i = 0; i < 32; i++) {
          ByteBuf probe = alloc.directBuffer(16);
          probe.release();
          probe = alloc.heapBuffer(16);
          probe.release();
        }
      }
    }
  }
}
