package io.camerabridge.outputs;

/** An output cannot be set up on this camera (a missing feature); the message says which. */
public final class OutputSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutputSetupException(String message) {
    super(message);
  }
}
