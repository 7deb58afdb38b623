package io.camerabridge.config;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The top-level {@code plc:} block: the PLC protocol servers and the rules they share. Each server
 * is off unless its block is present.
 *
 * @param opcua the OPC UA server, or null
 * @param modbus the Modbus TCP server, or null
 * @param handshake what happens when an outcome arrives before the PLC acknowledged the shown one
 *     (default {@code latest})
 * @param queue outcomes held per camera for {@code handshake: queue} (default {@value
 *     #DEFAULT_QUEUE}); one more is dropped and counted
 * @param recipes recipe number (1, 2, …) to the {@code pekat.url} of another PEKAT project; recipe
 *     0 is always the camera's own {@code pekat.url}
 */
public record PlcConfig(
    OpcUaConfig opcua,
    ModbusConfig modbus,
    PlcHandshake handshake,
    Integer queue,
    Map<Integer, URI> recipes) {
  public static final int DEFAULT_QUEUE = 16;

  /** Fills in defaults; recipes are kept sorted by number (nulls reach the validator). */
  public PlcConfig {
    handshake = handshake == null ? PlcHandshake.LATEST : handshake;
    queue = queue == null ? DEFAULT_QUEUE : queue;
    recipes = recipes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(recipes));
  }

  /** The OPC UA server, if configured. */
  public Optional<OpcUaConfig> opcuaServer() {
    return Optional.ofNullable(opcua);
  }

  /** The Modbus TCP server, if configured. */
  public Optional<ModbusConfig> modbusServer() {
    return Optional.ofNullable(modbus);
  }

  /** Whether any PLC server is configured (cameras need one for {@code trigger.mode: plc}). */
  public boolean hasServer() {
    return opcua != null || modbus != null;
  }
}
