package io.camerabridge.tools.bench;

/** A benchmark could not produce a trustworthy figure; the message says which and why. */
final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
