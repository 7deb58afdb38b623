package io.camerabridge.config;

/**
 * Where the Prometheus {@code /metrics} (and {@code /health}) endpoint listens.
 *
 * @param enabled whether to serve it at all (default true)
 * @param listen {@code host:port}, IPv6 as {@code [::1]:9400}; port 0 picks a free port (default
 *     {@code 127.0.0.1:9400})
 */
public record MetricsConfig(Boolean enabled, String listen) {
  /** The default listen address: loopback only, so nothing is exposed unless asked for. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:9400";

  /** Fills in defaults. */
  public MetricsConfig {
    enabled = enabled == null || enabled;
    listen = listen == null ? DEFAULT_LISTEN : listen.strip();
  }

  /** The host part of {@link #listen()}, without IPv6 brackets. */
  public String host() {
    String host = listen.substring(0, listen.lastIndexOf(':'));
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port part of {@link #listen()}. */
  public int port() {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }
}
