package io.camerabridge.tools.sim.analysis;

/**
 * The request does not carry an image the simulator can read. The message is one line that names
 * what is wrong and what was expected; the simulator sends it as the body of an HTTP 400.
 */
public final class InvalidImageException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }
}
