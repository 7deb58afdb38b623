package io.camerabridge.bindings.aravis;

/** GenICam {@code AcquisitionMode} ({@code ArvAcquisitionMode}). */
public enum AcquisitionMode {
  CONTINUOUS,
  SINGLE_FRAME,
  MULTI_FRAME;

  /** The C value. */
  int code() {
    return ordinal();
  }

  static AcquisitionMode fromCode(int code) {
    return values()[code];
  }
}
