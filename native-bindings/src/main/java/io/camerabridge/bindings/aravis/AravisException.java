package io.camerabridge.bindings.aravis;

import java.util.Optional;

/**
 * A failed Aravis call: the operation, plus the GError's domain, code and message. The GError
 * itself has been freed when this is thrown.
 */
public final class AravisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** GError domain of Aravis device errors. */
  public static final String DEVICE_ERROR_DOMAIN = "arv-device-error-quark";

  private final String domain;
  private final int code;
  private final String nativeMessage;

  /**
   * @param operation what was attempted, naming the feature/device involved
   * @param domain GError domain string (quark name)
   * @param code GError code within the domain
   * @param nativeMessage GError message as Aravis wrote it
   */
  public AravisException(String operation, String domain, int code, String nativeMessage) {
    super(operation + ": " + nativeMessage + " (" + domain + " " + code + ")");
    this.domain = domain;
    this.code = code;
    this.nativeMessage = nativeMessage;
  }

  /** For failures detected by the binding itself (no GError), e.g. a camera not found. */
  public AravisException(String message, DeviceError error) {
    super(message);
    this.domain = DEVICE_ERROR_DOMAIN;
    this.code = error.code();
    this.nativeMessage = message;
  }

  /** GError domain, for Aravis device errors {@value #DEVICE_ERROR_DOMAIN}. */
  public String domain() {
    return domain;
  }

  /** GError code. */
  public int code() {
    return code;
  }

  /** The message as Aravis wrote it. */
  public String nativeMessage() {
    return nativeMessage;
  }

  /** The ArvDeviceError, when the domain is Aravis's device error domain. */
  public Optional<DeviceError> deviceError() {
    return DEVICE_ERROR_DOMAIN.equals(domain) ? DeviceError.of(code) : Optional.empty();
  }

  /** {@code ArvDeviceError} codes of Aravis 0.8. */
  public enum DeviceError {
    WRONG_FEATURE,
    FEATURE_NOT_FOUND,
    NOT_CONNECTED,
    PROTOCOL_ERROR,
    TRANSFER_ERROR,
    TIMEOUT,
    NOT_FOUND,
    INVALID_PARAMETER,
    GENICAM_NOT_FOUND,
    NO_STREAM_CHANNEL,
    NOT_CONTROLLER,
    UNKNOWN,
    PROTOCOL_ERROR_NOT_IMPLEMENTED,
    PROTOCOL_ERROR_INVALID_PARAMETER,
    PROTOCOL_ERROR_INVALID_ADDRESS,
    PROTOCOL_ERROR_WRITE_PROTECT,
    PROTOCOL_ERROR_BAD_ALIGNMENT,
    PROTOCOL_ERROR_ACCESS_DENIED,
    PROTOCOL_ERROR_BUSY;

    /** The C value (declaration order in {@code arvdevice.h}). */
    public int code() {
      return ordinal();
    }

    static Optional<DeviceError> of(int code) {
      DeviceError[] all = values();
      return code >= 0 && code < all.length ? Optional.of(all[code]) : Optional.empty();
    }
  }
}
