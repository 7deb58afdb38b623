package io.camerabridge.bindings.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.ptr.LongByReference;
import io.camerabridge.bindings.raw.Systemd;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The notifier's decisions, against the real libsystemd. The messages themselves are proven on a
 * real notification socket by camera-bridge's NotifyProtocolIT (it needs the variables in a child
 * process's environment, which libsystemd reads).
 */
class SystemdNotifierTest {

  @Test
  void withoutNotifySocketEveryCallIsANoOp() {
    SystemdNotifier notifier = SystemdNotifier.create(Map.of(), () -> loadOrFail());

    assertThat(notifier.enabled()).isFalse();
    assertThat(notifier.ready()).isFalse();
    assertThat(notifier.status("line\nbreak")).isFalse();
    assertThat(notifier.watchdog()).isFalse();
    assertThat(notifier.stopping()).isFalse();
    assertThat(notifier.extendTimeout(Duration.ofSeconds(5))).isFalse();
    assertThat(notifier.watchdogInterval()).isEmpty();
  }

  @Test
  void libraryThatCannotBeLoadedDisablesTheNotifierInsteadOfFailing() {
    SystemdNotifier notifier =
        SystemdNotifier.create(
            Map.of("NOTIFY_SOCKET", "/run/systemd/notify"),
            () -> Native.load("camera-bridge-no-such-library", Systemd.class));

    assertThat(notifier.enabled()).isFalse();
    assertThat(notifier.ready()).isFalse();
  }

  @Test
  void realLibraryLoadsAndReportsNothingSentWhenTheProcessHasNoSocket() {
    // This JVM was not started by systemd: libsystemd sees no NOTIFY_SOCKET and returns 0.
    SystemdNotifier notifier =
        SystemdNotifier.create(Map.of("NOTIFY_SOCKET", "/nonexistent"), () -> loadOrFail());

    assertThat(notifier.enabled()).isTrue();
    assertThat(notifier.ready()).isFalse();
    assertThat(notifier.watchdogInterval()).isEmpty();
  }

  @Test
  void rawBindingSaysWatchdogIsOffWithoutWatchdogUsec() {
    LongByReference usec = new LongByReference(-1);
    assertThat(loadOrFail().sd_watchdog_enabled(0, usec)).isZero();
    assertThat(usec.getValue()).isEqualTo(-1);
  }

  @Test
  void fromEnvironmentNeverThrows() {
    assertThat(SystemdNotifier.fromEnvironment().ready()).isFalse();
    assertThat(SystemdNotifier.disabled().enabled()).isFalse();
  }

  private static Systemd loadOrFail() {
    return Native.load(Systemd.LIBRARY_NAME, Systemd.class);
  }
}
