package io.camerabridge.ops;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps systemd informed while the service runs: on every tick it sends {@code STATUS=} with a
 * per-camera summary and, when systemd's watchdog is on, {@code WATCHDOG=1} — but only if the
 * health check passes. A wedged pipeline therefore stops the keep-alives and systemd restarts the
 * service; a timer that pinged blindly would keep a dead service "alive".
 *
 * <p>Ticks run on a thread of their own every half watchdog interval (at most every {@link
 * #DEFAULT_STATUS_PERIOD}). The health check runs on that thread too: if it blocks, keep-alives
 * stop, which is the point. {@code READY=1} and {@code STOPPING=1} are the service's to send.
 */
public final class Watchdog implements AutoCloseable {

  /** How often STATUS is refreshed when no watchdog interval asks for more. */
  public static final Duration DEFAULT_STATUS_PERIOD = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

  private final SystemdNotifier notifier;
  private final BooleanSupplier healthCheck;
  private final HealthSource health;
  private final Duration statusPeriod;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private ScheduledExecutorService timer;
  private boolean failing;

  /**
   * @param healthCheck passes while the service does its job (e.g. a {@link FrameFlowCheck},
   *     possibly combined with a check that the event loop still runs tasks)
   * @param health the cameras summarised in STATUS
   */
  public Watchdog(SystemdNotifier notifier, BooleanSupplier healthCheck, HealthSource health) {
    this(notifier, healthCheck, health, DEFAULT_STATUS_PERIOD);
  }

  public Watchdog(
      SystemdNotifier notifier,
      BooleanSupplier healthCheck,
      HealthSource health,
      Duration statusPeriod) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
    this.health = Objects.requireNonNull(health, "health");
    this.statusPeriod = Objects.requireNonNull(statusPeriod, "statusPeriod");
  }

  /** The tick period: half the watchdog interval, or the status period if that is shorter. */
  public Duration period() {
    return notifier
        .watchdogInterval()
        .map(interval -> interval.dividedBy(2))
        .filter(half -> half.compareTo(statusPeriod) < 0)
        .orElse(statusPeriod);
  }

  /** Starts ticking (the first tick runs at once); does nothing when systemd is not listening. */
  public void start() {
    if (!notifier.enabled() || !started.compareAndSet(false, true)) {
      return;
    }
    Duration period = period();
    log.info(
        "systemd watchdog {}; status every {} ms",
        notifier.watchdogInterval().map(i -> "every " + i.toMillis() / 2 + " ms").orElse("off"),
        period.toMillis());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "systemd-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::tickSafely, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One round: STATUS, then WATCHDOG=1 if the health check passes. */
  void tick() {
    notifier.status(StatusLine.of(health.cameras()));
    if (notifier.watchdogInterval().isEmpty()) {
      return;
    }
    boolean healthy;
    try {
      healthy = healthCheck.getAsBoolean();
    } catch (RuntimeException e) {
      log.warn("The watchdog health check threw {}; counting it as failing", e.toString());
      healthy = false;
    }
    if (healthy) {
      notifier.watchdog();
      if (failing) {
        log.info("Health check passes again; watchdog keep-alives resumed");
      }
    } else if (!failing) {
      log.warn(
          "Health check failing{}: withholding WATCHDOG=1, systemd restarts camera-bridge"
              + " after {} s unless it recovers",
          describe(),
          notifier.watchdogInterval().get().toSeconds());
    }
    failing = !healthy;
  }

  private String describe() {
    if (healthCheck instanceof FrameFlowCheck) {
      return " (" + ((FrameFlowCheck) healthCheck).lastFailure() + ")";
    }
    return "";
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      // An exception would cancel the schedule and, with it, every later keep-alive.
      log.warn("Watchdog tick failed: {}", e.toString());
    }
  }

  /** Stops ticking; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && timer != null) {
      timer.shutdownNow();
    }
  }
}
