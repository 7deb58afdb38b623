package io.camerabridge.plc;

/**
 * What the PLC core needs from one camera's pipeline, given by the service (the core sits below the
 * pipeline and never sees it). Every method is cheap and never blocks: the PLC core's thread and
 * the protocol threads call them.
 */
public interface PlcCameraLink {
  /** The pipeline's state now. */
  PlcState.CameraState cameraState();

  /** Frames acquired since start (complete or not); the core turns it into frames per second. */
  long acquired();

  /** Frames dropped before analysis since start. */
  long dropped();

  /**
   * Fires one software trigger on the camera's control thread (never the frame thread).
   *
   * @return false when the camera is not {@code trigger.mode: plc} or not streaming
   */
  boolean trigger();

  /** The part id for the next acquired frame. */
  void partId(String partId);

  /**
   * Switches the camera's PEKAT project from the next frame on (0 = its own {@code pekat.url}).
   *
   * @return false when there is no such recipe
   */
  boolean recipe(int number);

  /** A link for a camera without a pipeline (tests): stopped, no triggers, no recipes. */
  PlcCameraLink NONE =
      new PlcCameraLink() {
        @Override
        public PlcState.CameraState cameraState() {
          return PlcState.CameraState.STOPPED;
        }

        @Override
        public long acquired() {
          return 0;
        }

        @Override
        public long dropped() {
          return 0;
        }

        @Override
        public boolean trigger() {
          return false;
        }

        @Override
        public void partId(String partId) {}

        @Override
        public boolean recipe(int number) {
          return number == 0;
        }
      };
}
