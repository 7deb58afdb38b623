package io.camerabridge.bindings.aravis;

import java.util.Objects;

/** How frames are started: free-running, by {@link Camera#softwareTrigger()}, or by a line. */
public sealed interface Trigger {
  /** Free-running at the frame rate. */
  static Trigger off() {
    return Off.INSTANCE;
  }

  /** One frame per {@link Camera#softwareTrigger()}. */
  static Trigger software() {
    return Software.INSTANCE;
  }

  /** One frame per edge on an input line. */
  static Trigger hardware(String source, Activation activation) {
    return new Hardware(source, activation);
  }

  /** No trigger: frames follow AcquisitionFrameRate. */
  enum Off implements Trigger {
    INSTANCE
  }

  /** TriggerSource=Software. */
  enum Software implements Trigger {
    INSTANCE
  }

  /**
   * TriggerSource=a line.
   *
   * @param source GenICam TriggerSource entry, e.g. {@code Line1}
   * @param activation edge or level that fires
   */
  record Hardware(String source, Activation activation) implements Trigger {
    public Hardware {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(activation, "activation");
    }
  }

  /** GenICam {@code TriggerActivation} entries. */
  enum Activation {
    RISING_EDGE("RisingEdge"),
    FALLING_EDGE("FallingEdge"),
    ANY_EDGE("AnyEdge"),
    LEVEL_HIGH("LevelHigh"),
    LEVEL_LOW("LevelLow");

    private final String genicamName;

    Activation(String genicamName) {
      this.genicamName = genicamName;
    }

    /** The enumeration entry name written to {@code TriggerActivation}. */
    public String genicamName() {
      return genicamName;
    }
  }
}
