package io.camerabridge.config;

/**
 * The Modbus TCP server ({@code plc.modbus}).
 *
 * @param listen {@code host:port}; port 0 picks a free port (default {@value #DEFAULT_LISTEN})
 * @param unitId the unit id the server answers to (default 1)
 */
public record ModbusConfig(String listen, Integer unitId) {
  public static final String DEFAULT_LISTEN = "0.0.0.0:502";

  /** Fills in defaults. */
  public ModbusConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen.strip();
    unitId = unitId == null ? 1 : unitId;
  }

  /** The host part of {@link #listen()}, without IPv6 brackets. */
  public String host() {
    String host = listen.substring(0, listen.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port part of {@link #listen()}. */
  public int port() {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }
}
