package io.camerabridge.testing;

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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test when Netty's leak detector reports a leaked buffer. The build runs tests with {@code
 * -Dio.netty.leakDetection.level=paranoid}, so every allocator buffer is tracked; a leak is
 * reported when the garbage collector finds an unreleased tracked buffer, which this check provokes
 * at the end of its scope (collect, then allocate so the detector drains its queue) before reading
 * the detector's log output.
 *
 * <p>The scope is each test ({@code @RegisterExtension final NettyLeakCheck leakCheck = new
 * NettyLeakCheck();}) or the whole class ({@code @RegisterExtension static final NettyLeakCheck
 * leakCheck = NettyLeakCheck.perClass();}). Per class suits tests whose server lives for the class:
 * the check then runs after its {@code @AfterAll} methods have closed it.
 *
 * <p>Every test class gets a per-class check without registering anything ({@link
 * EveryClassLeakCheck}, auto-detected through {@code junit-platform.properties}); registering this
 * extension per test narrows a report down to the test that leaked.
 *
 * <p>Frame leases ({@code FrameLease}) are not allocator buffers; tests check those with {@link
 * io.camerabridge.frame.FrameLeases#outstanding()}.
 */
public final class NettyLeakCheck
    implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {
  private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final boolean perClass;

  /** Checks after each test. */
  public NettyLeakCheck() {
    this(false);
  }

  private NettyLeakCheck(boolean perClass) {
    this.perClass = perClass;
  }

  /** Checks once, after the class's {@code @AfterAll} methods; register it in a static field. */
  public static NettyLeakCheck perClass() {
    return new NettyLeakCheck(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass) {
      startListening();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      startListening();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      assertNoLeakReported();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass) {
      assertNoLeakReported();
    }
  }

  private void startListening() {
    assertThat(ResourceLeakDetector.getLevel())
        .as("tests must run with -Dio.netty.leakDetection.level=paranoid")
        .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    appender.start();
    detectorLog.addAppender(appender);
    if (!detectorLog.isErrorEnabled()) {
      detectorLog.setLevel(Level.ERROR);
    }
    // Leaks from earlier tests (other classes share the JVM) are reported now and not blamed on
    // this scope.
    provokeLeakReports();
    appender.list.clear();
  }

  private void assertNoLeakReported() {
    try {
      provokeLeakReports();
      List<String> leaks =
          appender.list.stream()
              .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("LEAK"))
              .toList();
      assertThat(leaks).as("Netty buffer leaks reported").isEmpty();
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
