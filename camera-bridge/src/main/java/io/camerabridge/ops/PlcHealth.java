package io.camerabridge.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The PLC side of {@code /health} (docs/plc.md, "Health"): each configured protocol server and each
 * camera's handshake. A server that is configured but does not serve (it could not bind) makes the
 * service unhealthy; the cameras' handshake values are information, never a fault.
 *
 * @param servers the configured servers, OPC UA first
 * @param cameras every camera with a PLC core, in configuration order
 */
public record PlcHealth(List<Server> servers, List<Slot> cameras) {

  /**
   * One protocol server.
   *
   * @param protocol {@code opcua} or {@code modbus}
   * @param listen the address served ({@code host:port} with the port actually bound), or the
   *     configured one when it does not serve
   * @param clients PLC clients connected now (OPC UA sessions, Modbus connections)
   * @param error why the server does not serve, or null while it does
   */
  public record Server(String protocol, String listen, int clients, String error) {}

  /**
   * One camera's handshake.
   *
   * @param cameraId the camera's id
   * @param slot its Modbus slot, or -1 (OPC UA only)
   * @param sequence the sequence of the outcome shown to the PLC (0 before the first)
   * @param resultValid whether the shown result waits for the PLC's Ack
   * @param unacknowledged results replaced before the PLC acknowledged them (handshake latest)
   * @param queueDepth results waiting behind the shown one (handshake queue)
   */
  public record Slot(
      String cameraId,
      int slot,
      long sequence,
      boolean resultValid,
      long unacknowledged,
      int queueDepth) {}

  public PlcHealth {
    servers = List.copyOf(servers);
    cameras = List.copyOf(cameras);
  }

  /** False when a configured server does not serve. */
  public boolean healthy() {
    return servers.stream().allMatch(s -> s.error() == null);
  }

  void writeTo(ObjectNode plc) {
    plc.put("healthy", healthy());
    ObjectNode byProtocol = plc.putObject("servers");
    for (Server s : servers) {
      ObjectNode node = byProtocol.putObject(s.protocol());
      node.put("listen", s.listen());
      node.put("clients", s.clients());
      if (s.error() != null) {
        node.put("error", s.error());
      }
    }
    ObjectNode byCamera = plc.putObject("cameras");
    for (Slot c : cameras) {
      ObjectNode node = byCamera.putObject(c.cameraId());
      if (c.slot() >= 0) {
        node.put("slot", c.slot());
      } else {
        node.putNull("slot");
      }
      node.put("sequence", c.sequence());
      node.put("resultValid", c.resultValid());
      node.put("unacknowledged", c.unacknowledged());
      node.put("queueDepth", c.queueDepth());
    }
  }
}
