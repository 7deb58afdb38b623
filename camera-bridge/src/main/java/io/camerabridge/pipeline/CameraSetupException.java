package io.camerabridge.pipeline;

/**
 * A camera could not be opened or configured. The message names the camera id, the setting or
 * feature, the value, and Aravis's own message, e.g. {@code camera line1-top: cannot set
 * ExposureTime to 10ms: ... (GenICam feature 'ExposureTime' not found)}.
 */
public final class CameraSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String cameraId;

  CameraSetupException(String cameraId, String what, Throwable cause) {
    super("camera " + cameraId + ": " + what + ": " + describe(cause), cause);
    this.cameraId = cameraId;
  }

  /** The configured id of the camera. */
  public String cameraId() {
    return cameraId;
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
