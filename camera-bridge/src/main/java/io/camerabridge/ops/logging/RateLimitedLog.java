package io.camerabridge.ops.logging;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a recurring per-frame failure at most once per interval and key, with a count of the
 * occurrences it held back: {@code "Upload to analyzer timed out (camera top) [+57 more in the last
 * 10 s]"}. The first occurrence is logged at once. Metrics count every occurrence; this keeps the
 * journal readable and under journald's rate limit. Thread-safe and non-blocking apart from a short
 * per-key lock.
 *
 * <p>Keys must come from a bounded set (camera id plus failure kind, never a frame id); past {@link
 * #MAX_KEYS} distinct keys, further keys share one window.
 */
public final class RateLimitedLog {

  /** The default: one line per key every 10 seconds. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  static final int MAX_KEYS = 1024;
  static final String OVERFLOW_KEY = "(other)";

  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimitedLog(Logger logger) {
    this(logger, DEFAULT_INTERVAL, System::nanoTime);
  }

  public RateLimitedLog(Logger logger, Duration interval) {
    this(logger, interval, System::nanoTime);
  }

  RateLimitedLog(Logger logger, Duration interval, LongSupplier nanoClock) {
    this.logger = Objects.requireNonNull(logger, "logger");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /** A warning, rate-limited per {@code key}; {@code format} and {@code args} as in SLF4J. */
  public void warn(String key, String format, Object... args) {
    log(Level.WARN, key, format, args);
  }

  /** An error, rate-limited per {@code key}. */
  public void error(String key, String format, Object... args) {
    log(Level.ERROR, key, format, args);
  }

  /** An info line, rate-limited per {@code key}. */
  public void info(String key, String format, Object... args) {
    log(Level.INFO, key, format, args);
  }

  /** Logs, or counts and holds back, one occurrence. */
  public void log(Level level, String key, String format, Object... args) {
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    Window window = window(key);
    long heldBack;
    synchronized (window) {
      long now = nanoClock.getAsLong();
      if (window.opened && now - window.startNanos < intervalNanos) {
        window.heldBack++;
        window.lastLevel = level;
        window.lastFormat = format;
        window.lastArgs = args;
        return;
      }
      heldBack = window.heldBack;
      window.opened = true;
      window.startNanos = now;
      window.heldBack = 0;
    }
    emit(level, format, args, heldBack);
  }

  /** Logs the occurrences held back since each key's last line, e.g. at shutdown. */
  public void flush() {
    for (Window window : windows.values()) {
      Level level;
      String format;
      Object[] args;
      long heldBack;
      synchronized (window) {
        heldBack = window.heldBack;
        if (heldBack == 0) {
          continue;
        }
        level = window.lastLevel;
        format = window.lastFormat;
        args = window.lastArgs;
        window.heldBack = 0;
      }
      emit(level, format, args, heldBack);
    }
  }

  private Window window(String key) {
    Window window = windows.get(key);
    if (window != null) {
      return window;
    }
    String bounded = windows.size() < MAX_KEYS ? key : OVERFLOW_KEY;
    return windows.computeIfAbsent(bounded, k -> new Window());
  }

  private void emit(Level level, String format, Object[] args, long heldBack) {
    if (heldBack == 0) {
      logger.atLevel(level).log(format, args);
      return;
    }
    Object[] withCount = Arrays.copyOf(args, args.length + 2);
    withCount[args.length] = heldBack;
    withCount[args.length + 1] = Duration.ofNanos(intervalNanos).toSeconds();
    logger.atLevel(level).log(format + " [+{} more in the last {} s]", withCount);
  }

  private static final class Window {
    boolean opened;
    long startNanos;
    long heldBack;
    Level lastLevel;
    String lastFormat;
    Object[] lastArgs;
  }
}
