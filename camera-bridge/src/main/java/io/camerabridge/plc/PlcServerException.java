package io.camerabridge.plc;

/** A PLC server could not start: the message names the protocol, the address and the cause. */
public final class PlcServerException extends RuntimeException {
  public PlcServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
