package io.camerabridge.ops;

import io.camerabridge.bindings.systemd.SystemdNotifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child process for {@link NotifyProtocolIT}: the notifier and the watchdog as the service wires
 * them, over one simulated camera whose frames the test stops and restarts through stdin ({@code
 * stall}, {@code resume}, {@code stop}). A process of its own because libsystemd reads {@code
 * NOTIFY_SOCKET} and {@code WATCHDOG_USEC} from the real environment.
 */
public final class NotifyProbe {

  static final Duration MAX_FRAME_AGE = Duration.ofMillis(300);
  static final Duration STATUS_PERIOD = Duration.ofMillis(100);

  private NotifyProbe() {}

  public static void main(String[] args) throws Exception {
    SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
    AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
    camera.scheduleAtFixedRate(
        () -> {
          if (!stalled.get()) {
            lastFrameNanos.set(System.nanoTime());
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    HealthSource health =
        () ->
            List.of(
                new CameraHealth(
                    "probe",
                    true,
                    CameraState.STREAMING,
                    (System.nanoTime() - lastFrameNanos.get()) / 1e9,
                    true,
                    false));

    notifier.ready();
    try (Watchdog watchdog =
        new Watchdog(notifier, new FrameFlowCheck(health, MAX_FRAME_AGE), health, STATUS_PERIOD)) {
      watchdog.start();
      System.out.println("probe: started, watchdog " + notifier.watchdogInterval());
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String command; (command = commands.readLine()) != null && !command.equals("stop"); ) {
        stalled.set(command.equals("stall"));
        System.out.println("probe: " + command);
      }
    }
    camera.shutdownNow();
    notifier.stopping();
  }
}
