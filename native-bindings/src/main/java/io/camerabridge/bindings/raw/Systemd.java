package io.camerabridge.bindings.raw;

import com.sun.jna.Library;
import com.sun.jna.ptr.LongByReference;

/**
 * libsystemd.so.0's service-notification calls ({@code systemd/sd-daemon.h}), loaded by JNA. Only
 * {@link io.camerabridge.bindings.systemd.SystemdNotifier} should call this; it handles a missing
 * library and a missing {@code NOTIFY_SOCKET}.
 *
 * <p>Both functions are thread-safe: each {@code sd_notify} call opens, uses and closes its own
 * socket.
 */
public interface Systemd extends Library {

  /** The name JNA resolves to {@code libsystemd.so.0} (no -dev package needed). */
  String LIBRARY_NAME = "systemd";

  /**
   * Sends a state string to the service manager over the {@code AF_UNIX} datagram socket named by
   * {@code $NOTIFY_SOCKET} (a path, or an abstract address starting with {@code @}).
   *
   * @param unset_environment non-zero to unset {@code $NOTIFY_SOCKET} after the call, so that later
   *     calls and child processes do not notify; camera-bridge passes 0
   * @param state newline-separated assignments, e.g. {@code "READY=1"}, {@code "STATUS=..."},
   *     {@code "WATCHDOG=1"}, {@code "STOPPING=1"}, {@code "EXTEND_TIMEOUT_USEC=..."}; copied by
   *     the call (transfer none)
   * @return a positive value when the message was sent; 0 when {@code $NOTIFY_SOCKET} is unset (not
   *     run by systemd as {@code Type=notify}); a negative errno on failure
   */
  int sd_notify(int unset_environment, String state);

  /**
   * Tells whether the service manager expects {@code WATCHDOG=1} keep-alives, from {@code
   * $WATCHDOG_USEC} (and {@code $WATCHDOG_PID}, which must be unset or this process's pid).
   *
   * @param unset_environment non-zero to unset the two variables after the call; pass 0
   * @param usec out: the watchdog timeout in microseconds when enabled; untouched otherwise. Send
   *     {@code WATCHDOG=1} at about half this interval
   * @return a positive value when the watchdog is enabled; 0 when not; a negative errno when the
   *     variables are malformed
   */
  int sd_watchdog_enabled(int unset_environment, LongByReference usec);
}
