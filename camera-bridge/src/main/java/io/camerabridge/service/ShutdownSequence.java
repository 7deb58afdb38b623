package io.camerabridge.service;

import io.camerabridge.ops.logging.LogLevels;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How the process ends. One JVM shutdown hook runs {@link Bridge#stop()} (its written order) and
 * then stops logging, last, so every shutdown step can still log.
 *
 * <p>SIGTERM, SIGINT and SIGHUP are caught and turned into {@code System.exit(0)}: the same hook
 * runs and the process exits with status 0, which systemd counts as a clean stop. SIGHUP does not
 * reload: a terminal that hangs up, or an operator who expects a reload, gets a clean stop rather
 * than the JVM's status 129, which is undocumented and a failure to systemd. A new configuration is
 * applied with a restart. Should the handlers not be installable, the JVM's own handling still runs
 * the hook, and the status is 143 (SIGTERM) or 130 (SIGINT); the unit file lists those as success
 * too.
 */
public final class ShutdownSequence {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
  private static final AtomicBoolean SIGNALS_INSTALLED = new AtomicBoolean();
  private static final String[] STOP_SIGNALS = {"TERM", "INT", "HUP"};

  private ShutdownSequence() {}

  /** Registers the hook that stops {@code bridge} and then logging. */
  public static void stopOnExit(Bridge bridge) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    bridge.stop();
                  } catch (RuntimeException | Error e) {
                    LOG.error("Shutdown failed", e);
                  } finally {
                    LogLevels.stopLogging();
                  }
                },
                "shutdown"));
  }

  /** Makes SIGTERM, SIGINT and SIGHUP exit with status 0 through the shutdown hook. Idempotent. */
  public static void exitZeroOnSignals() {
    onSignals(
        () -> {
          // exit() blocks until the hooks finish: never on the signal dispatcher itself.
          Thread exit = new Thread(() -> System.exit(0), "exit-on-signal");
          exit.start();
        });
  }

  /**
   * Runs {@code action} (on the JVM's signal thread: keep it short) on SIGTERM, SIGINT or SIGHUP
   * instead of the JVM's default exit. Installs the handlers once per process; later calls are
   * ignored.
   *
   * @return whether the handlers were installed by this call
   */
  public static boolean onSignals(Runnable action) {
    if (!SIGNALS_INSTALLED.compareAndSet(false, true)) {
      return false;
    }
    for (String name : STOP_SIGNALS) {
      try {
        SignalHandler before =
            Signal.handle(
                new Signal(name),
                signal -> {
                  LOG.info(
                      "SIG{} received: stopping{}",
                      signal.getName(),
                      signal.getName().equals("HUP")
                          ? " (camera-bridge does not reload: restart it to apply a new configuration)"
                          : "");
                  action.run();
                });
        if (before == SignalHandler.SIG_IGN) {
          // The JVM leaves a signal that was ignored when it started (nohup, a background job)
          // ignored, as the one who started it asked.
          LOG.info("SIG{} was ignored when camera-bridge started: it will not stop it", name);
        }
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.warn(
            "Cannot handle SIG{} ({}); the JVM will exit with status 128+signal",
            name,
            e.toString());
      }
    }
    return true;
  }
}
