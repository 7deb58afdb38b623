package io.camerabridge.tools.demo;

import io.camerabridge.bindings.aravis.Devices;
import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's camera: the GigE Vision simulator {@code arv-fake-gv-camera-0.8} on a free loopback
 * address when it is installed (the real network path: GVCP control, GVSP stream over UDP),
 * otherwise Aravis's in-process Fake camera.
 */
final class DemoCamera implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCamera.class);

  /** Aravis's in-process Fake interface always names its camera this. */
  static final String IN_PROCESS_DEVICE = "Fake_1";

  private final Optional<FakeGvCameraProcess> process;
  private final String deviceId;

  private DemoCamera(Optional<FakeGvCameraProcess> process, String deviceId) {
    this.process = process;
    this.deviceId = deviceId;
  }

  /** Starts the GigE simulator if installed and {@code preferGige}, else the in-process one. */
  static DemoCamera start(boolean preferGige) throws IOException {
    if (preferGige && isInstalled(FakeGvCameraProcess.EXECUTABLE)) {
      // A serial of its own, so a second demo (or a test) on this host is never opened instead.
      String serial = "DEMO" + ProcessHandle.current().pid() % 100_000;
      FakeGvCameraProcess p =
          FakeGvCameraProcess.builder().serial(serial).extendedGenicam().start();
      return new DemoCamera(Optional.of(p), p.deviceId());
    }
    if (preferGige) {
      LOG.info(
          "{} is not installed (apt-get install aravis-tools); using Aravis's in-process Fake"
              + " camera instead",
          FakeGvCameraProcess.EXECUTABLE);
    }
    Devices.enableFakeInterface();
    return new DemoCamera(Optional.empty(), IN_PROCESS_DEVICE);
  }

  /** What goes into the camera's {@code device:} key. */
  String deviceId() {
    return deviceId;
  }

  /** One line for the console. */
  String describe() {
    return process
        .map(
            p ->
                "GigE Vision simulator "
                    + FakeGvCameraProcess.EXECUTABLE
                    + " at "
                    + p.address().getHostAddress()
                    + " ("
                    + p.deviceId()
                    + ")")
        .orElse("Aravis in-process Fake camera (" + IN_PROCESS_DEVICE + ")");
  }

  boolean isGige() {
    return process.isPresent();
  }

  @Override
  public void close() {
    process.ifPresent(FakeGvCameraProcess::close);
  }

  private static boolean isInstalled(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }
}
