package io.camerabridge.plc;

/**
 * One camera as a PLC sees it. The protocol servers (Modbus TCP, OPC UA) read its {@link PlcState}
 * and pass the PLC's writes back through the methods below; the PLC core implements it and owns the
 * handshake. Every method is cheap and never blocks: protocol threads call them.
 */
public interface PlcCamera {
  /** The camera's configured id (OPC UA folder name). */
  String id();

  /** The camera's place in the Modbus map ({@code plc.slot}). */
  int slot();

  /** What the PLC sees now: one consistent snapshot. */
  PlcState state();

  /**
   * Tells {@code listener} after every change of {@link #state()} (a new outcome, ResultValid
   * cleared, a state or counter change). Called on the PLC core's own thread, never on the frame
   * path; listeners must not block.
   */
  void addListener(Runnable listener);

  /**
   * The PLC acknowledged the shown result (Ack written true).
   *
   * @return false when no result was waiting for an acknowledgement (counted, not an error)
   */
  boolean acknowledge();

  /**
   * The PLC asks for a frame (OPC UA {@code Trigger()}, Modbus Trigger coil).
   *
   * @return false when the camera is not {@code trigger.mode: plc} or not streaming
   */
  boolean trigger();

  /** The part id the PLC wrote; it goes with the next acquired frame ({@code {partId}}). */
  void partId(String partId);

  /** The recipe number the PLC wrote; applied between frames. */
  void recipe(int number);
}
