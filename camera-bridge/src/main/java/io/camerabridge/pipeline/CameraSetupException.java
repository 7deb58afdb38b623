package io.camerabridge.pipeline;

import io.camerabridge.bindings.aravis.AmbiguousCameraException;
import io.camerabridge.bindings.aravis.AravisException;
import io.camerabridge.genicam.FeatureStepException;
import java.util.EnumSet;
import java.util.Set;

/**
 * A camera could not be opened or configured. The message names the camera id, the setting or
 * feature, the value, and Aravis's own message, e.g. {@code camera line1-top: cannot set
 * ExposureTime to 10ms: ... (GenICam feature 'ExposureTime' not found)}.
 *
 * <p>{@link #misconfiguration()} tells a configuration the camera refuses (an unknown feature, a
 * value out of range, an ambiguous selector, a region outside the sensor), which only an edit of
 * the file or the camera fixes, from a camera that is absent, busy or lost, which comes back by
 * itself.
 */
public final class CameraSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** GError domain of GenICam node errors (unknown node, out of range, unknown entry...). */
  static final String GENICAM_ERROR_DOMAIN = "arv-gc-error-quark";

  private static final Set<AravisException.DeviceError> REFUSED_SETTINGS =
      EnumSet.of(
          AravisException.DeviceError.FEATURE_NOT_FOUND,
          AravisException.DeviceError.WRONG_FEATURE,
          AravisException.DeviceError.INVALID_PARAMETER,
          AravisException.DeviceError.PROTOCOL_ERROR_INVALID_PARAMETER);

  private final String cameraId;
  private final boolean misconfiguration;

  CameraSetupException(String cameraId, String what, Throwable cause) {
    super("camera " + cameraId + ": " + what + ": " + describe(cause), cause);
    this.cameraId = cameraId;
    this.misconfiguration = isMisconfiguration(cause);
  }

  private CameraSetupException(String cameraId, String problem) {
    super("camera " + cameraId + ": " + problem);
    this.cameraId = cameraId;
    this.misconfiguration = true;
  }

  /** A setting the camera cannot take, found by camera-bridge's own checks. */
  static CameraSetupException refused(String cameraId, String problem) {
    return new CameraSetupException(cameraId, problem);
  }

  /** The configured id of the camera. */
  public String cameraId() {
    return cameraId;
  }

  /** Whether the camera refused the configuration itself (see the class comment). */
  public boolean misconfiguration() {
    return misconfiguration;
  }

  /** Whether {@code e} or one of its causes is a setting the camera refuses. */
  static boolean isMisconfiguration(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CameraSetupException s) {
        return s.misconfiguration;
      }
      if (t instanceof FeatureStepException || t instanceof AmbiguousCameraException) {
        return true;
      }
      if (t instanceof AravisException a
          && (GENICAM_ERROR_DOMAIN.equals(a.domain())
              || a.deviceError().filter(REFUSED_SETTINGS::contains).isPresent())) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
