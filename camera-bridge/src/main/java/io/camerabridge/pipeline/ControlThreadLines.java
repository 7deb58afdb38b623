package io.camerabridge.pipeline;

import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.outputs.LineControl;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Line-output writes on the camera's control thread, against whichever session is open when the
 * write runs: the control thread owns every camera call, and a write never waits on the frame or
 * results thread.
 */
final class ControlThreadLines implements LineControl {
  private final ScheduledExecutorService control;
  private final Supplier<CameraSession> session;

  ControlThreadLines(ScheduledExecutorService control, Supplier<CameraSession> session) {
    this.control = control;
    this.session = session;
  }

  @Override
  public void run(Consumer<CameraFeatures> action, Runnable closed, long delayNanos) {
    try {
      control.schedule(
          () -> {
            CameraSession s = session.get();
            if (s == null) {
              closed.run();
            } else {
              action.accept(s.camera().features());
            }
          },
          delayNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      closed.run();
    }
  }
}
