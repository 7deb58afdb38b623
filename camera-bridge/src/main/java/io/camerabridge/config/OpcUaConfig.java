package io.camerabridge.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The OPC UA server ({@code plc.opcua}); endpoint {@code opc.tcp://HOST:PORT/camera-bridge}.
 *
 * @param listen {@code host:port}; port 0 picks a free port (default {@value #DEFAULT_LISTEN})
 * @param security message security (default none)
 * @param users user name to password; empty = anonymous access allowed
 * @param pkiDir where the server's certificate, key and trusted client certificates live (default
 *     {@value #DEFAULT_PKI_DIR}); the server creates a self-signed certificate there when none
 *     exists
 */
public record OpcUaConfig(
    String listen, OpcUaSecurity security, Map<String, Secret> users, Path pkiDir) {
  public static final String DEFAULT_LISTEN = "0.0.0.0:4840";
  public static final String DEFAULT_PKI_DIR = "/var/lib/camera-bridge/opcua-pki";

  /** Fills in defaults. */
  public OpcUaConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen.strip();
    security = security == null ? OpcUaSecurity.NONE : security;
    users = users == null ? Map.of() : Map.copyOf(users);
    pkiDir = pkiDir == null ? Path.of(DEFAULT_PKI_DIR) : pkiDir;
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
