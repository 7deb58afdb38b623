package io.camerabridge.plc;

import java.util.List;

/**
 * One PLC protocol server (Modbus TCP or OPC UA). Started after the cameras' PLC views exist,
 * stopped before them; a misbehaving PLC gets protocol errors, never an exception out of here.
 */
public interface PlcServer extends AutoCloseable {
  /**
   * Binds and starts serving these cameras.
   *
   * @throws PlcServerException when the address cannot be bound (names the address and why)
   */
  void start(List<PlcCamera> cameras);

  /** The port actually bound (the configured one, or the free port picked for port 0). */
  int port();

  /** PLC clients connected now. */
  int connectedClients();

  /** Stops serving and frees the port; idempotent, bounded. */
  @Override
  void close();
}
