package io.camerabridge.bindings.aravis;

/** Transport a device is reached through, as Aravis names it in discovery. */
public enum Protocol {
  GIGE_VISION("GigEVision"),
  USB3_VISION("USB3Vision"),
  /** Aravis's in-process simulated camera ({@code Fake_1}). */
  FAKE("Fake"),
  UNKNOWN("");

  private final String aravisName;

  Protocol(String aravisName) {
    this.aravisName = aravisName;
  }

  /** The protocol string Aravis reports ({@code arv_get_device_protocol}). */
  public String aravisName() {
    return aravisName;
  }

  static Protocol fromAravisName(String name) {
    for (Protocol p : values()) {
      if (p != UNKNOWN && p.aravisName.equals(name)) {
        return p;
      }
    }
    return UNKNOWN;
  }
}
