package io.camerabridge.bindings.systemd;

import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import io.camerabridge.bindings.raw.Systemd;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the service's life ({@code Type=notify}): {@link #ready()}, {@link
 * #status(String)}, {@link #watchdog()}, {@link #stopping()}. Every call is a no-op when the
 * process was not started by systemd with a {@code NOTIFY_SOCKET}, or when libsystemd cannot be
 * loaded (one log line says why). Thread-safe; calls never throw.
 */
public final class SystemdNotifier {

  private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

  /** The notifier that sends nothing. */
  private static final SystemdNotifier DISABLED = new SystemdNotifier(null, null);

  private final Systemd systemd;
  private final Duration watchdogInterval;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  private SystemdNotifier(Systemd systemd, Duration watchdogInterval) {
    this.systemd = systemd;
    this.watchdogInterval = watchdogInterval;
  }

  /** A notifier for this process: enabled when systemd started it with {@code NOTIFY_SOCKET}. */
  public static SystemdNotifier fromEnvironment() {
    return create(System.getenv(), SystemdNotifier::loadLibrary);
  }

  /** A notifier that never sends anything, for tools and tests. */
  public static SystemdNotifier disabled() {
    return DISABLED;
  }

  /**
   * @param environment the process environment; libsystemd itself reads the real one, so this only
   *     decides whether to load the library at all
   * @param loader loads libsystemd; any {@link LinkageError} or runtime failure disables the
   *     notifier
   */
  static SystemdNotifier create(Map<String, String> environment, Supplier<Systemd> loader) {
    String socket = environment.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      log.debug("NOTIFY_SOCKET is not set: not run by systemd as Type=notify, not notifying");
      return DISABLED;
    }
    Systemd systemd;
    try {
      systemd = Objects.requireNonNull(loader.get(), "loader returned null");
    } catch (LinkageError | RuntimeException e) {
      log.warn(
          "NOTIFY_SOCKET is set but libsystemd could not be loaded ({}); systemd will not hear"
              + " READY=1 and will fail the start after TimeoutStartSec. Install libsystemd0 or"
              + " run the unit with Type=simple.",
          e.toString());
      return DISABLED;
    }
    return new SystemdNotifier(systemd, readWatchdogInterval(systemd));
  }

  private static Systemd loadLibrary() {
    return Native.load(Systemd.LIBRARY_NAME, Systemd.class);
  }

  private static Duration readWatchdogInterval(Systemd systemd) {
    LongByReference usec = new LongByReference();
    int rc = systemd.sd_watchdog_enabled(0, usec);
    if (rc < 0) {
      log.warn(
          "WATCHDOG_USEC/WATCHDOG_PID are malformed (errno {}); not sending watchdog keep-alives",
          -rc);
      return null;
    }
    return rc > 0 && usec.getValue() > 0 ? Duration.ofNanos(usec.getValue() * 1000) : null;
  }

  /** Whether messages go anywhere. */
  public boolean enabled() {
    return systemd != null;
  }

  /**
   * The interval after which systemd kills the service when no {@code WATCHDOG=1} arrived ({@code
   * WatchdogSec=}); empty when the watchdog is off. Send {@link #watchdog()} at half of it.
   */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogInterval);
  }

  /** {@code READY=1}: start-up finished; systemd now starts units ordered after this one. */
  public boolean ready() {
    return send("READY=1");
  }

  /**
   * {@code STATUS=...}: a one-line summary that {@code systemctl status} shows. Line breaks are
   * replaced by spaces, since each line would otherwise be read as another assignment.
   */
  public boolean status(String line) {
    return send("STATUS=" + line.replace('\n', ' ').replace('\r', ' '));
  }

  /** {@code WATCHDOG=1}: the service is alive; only send it after a real health check passed. */
  public boolean watchdog() {
    return send("WATCHDOG=1");
  }

  /** {@code STOPPING=1}: shutdown has begun. */
  public boolean stopping() {
    return send("STOPPING=1");
  }

  /**
   * {@code EXTEND_TIMEOUT_USEC=...}: asks for {@code extension} more time to start or stop than
   * {@code TimeoutStartSec=}/{@code TimeoutStopSec=} allow, counted from now.
   */
  public boolean extendTimeout(Duration extension) {
    return send("EXTEND_TIMEOUT_USEC=" + Math.max(0, extension.toNanos() / 1000));
  }

  private boolean send(String state) {
    if (systemd == null) {
      return false;
    }
    int rc;
    try {
      rc = systemd.sd_notify(0, state);
    } catch (RuntimeException | LinkageError e) {
      logFailureOnce(state, e.toString());
      return false;
    }
    if (rc < 0) {
      logFailureOnce(state, "errno " + -rc);
    }
    return rc > 0;
  }

  private void logFailureOnce(String state, String cause) {
    // Watchdog keep-alives repeat every few seconds: one line is enough to point at the cause.
    if (failureLogged.compareAndSet(false, true)) {
      String key = state.substring(0, state.indexOf('='));
      log.warn(
          "sd_notify({}) failed ({}); further notification failures are not logged. Is"
              + " NOTIFY_SOCKET still valid?",
          key,
          cause);
    }
  }
}
