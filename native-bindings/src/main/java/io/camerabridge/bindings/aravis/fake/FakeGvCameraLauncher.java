package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts one {@code arv-fake-gv-camera-0.8} process for {@link FakeGvCameraProcess.Builder}: leases
 * an address, launches the simulator on it, waits for its discovery answer and presets registers.
 * An address another host process took between the probe and the launch is skipped and the next one
 * tried.
 */
final class FakeGvCameraLauncher {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int START_ATTEMPTS = 3;

  private final String executable;
  private final String serial;
  private final int lostPacketsPerThousand;
  private final Path genicam;
  private final Map<Integer, Integer> registers;
  private final Duration startTimeout;

  FakeGvCameraLauncher(
      String executable,
      String serial,
      int lostPacketsPerThousand,
      Path genicam,
      Map<Integer, Integer> registers,
      Duration startTimeout) {
    this.executable = executable;
    this.serial = serial != null ? serial : uniqueSerial();
    this.lostPacketsPerThousand = lostPacketsPerThousand;
    this.genicam = genicam;
    this.registers = registers;
    this.startTimeout = startTimeout;
  }

  FakeGvCameraProcess start() throws IOException {
    Set<String> failedAddresses = new HashSet<>();
    IOException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      LoopbackAddressLease lease = LoopbackAddressLease.acquire(failedAddresses);
      try {
        FakeGvCameraProcess camera = launch(lease);
        FakeGvCameraProcess.stopAtExit(camera);
        return camera;
      } catch (MissingExecutableException e) {
        lease.close();
        throw e;
      } catch (IOException e) {
        // Another host process may have bound the port between the probe and the launch.
        failedAddresses.add(lease.address().getHostAddress());
        lease.close();
        last = e;
      }
    }
    throw last;
  }

  /** SIGTERM, then SIGKILL after 2 s. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        // A SIGSTOPped process ignores SIGTERM until continued; SIGKILL always works.
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private FakeGvCameraProcess launch(LoopbackAddressLease lease) throws IOException {
    Path log = Files.createTempFile("fake-gv-camera-" + serial + "-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(executable, "-i", lease.address().getHostAddress(), "-s", serial);
    if (lostPacketsPerThousand > 0) {
      pb.command().add("--gvsp-lost-ratio=" + lostPacketsPerThousand);
    }
    if (genicam != null) {
      pb.command().add("--genicam=" + genicam.toAbsolutePath());
    }
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      Files.deleteIfExists(log);
      throw new MissingExecutableException(
          "Cannot start '"
              + executable
              + "' ("
              + e.getMessage()
              + "); install the Debian package aravis-tools",
          e);
    }
    FakeGvCameraProcess camera = new FakeGvCameraProcess(serial, lease, process, log);
    try {
      awaitAnswer(camera, process);
      for (Map.Entry<Integer, Integer> r : registers.entrySet()) {
        camera.writeRegister(r.getKey(), r.getValue());
      }
      return camera;
    } catch (IOException | RuntimeException e) {
      stop(process);
      Files.deleteIfExists(log);
      throw e;
    }
  }

  private void awaitAnswer(FakeGvCameraProcess camera, Process process) throws IOException {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            FakeGvCameraProcess.EXECUTABLE
                + " exited with "
                + process.exitValue()
                + ": "
                + camera.output());
      }
      Optional<GvcpDiscovery.Reply> reply = GvcpDiscovery.discover(camera.address(), POLL);
      if (reply.isPresent() && serial.equals(reply.get().serial())) {
        return;
      }
    }
    throw new IOException(
        FakeGvCameraProcess.EXECUTABLE
            + " on "
            + camera.address().getHostAddress()
            + " did not answer discovery within "
            + startTimeout
            + ": "
            + camera.output());
  }

  private static String uniqueSerial() {
    // pid keeps parallel JVMs apart, the sequence keeps cameras within one JVM apart.
    return "CB"
        + Long.toString(ProcessHandle.current().pid(), 36).toUpperCase()
        + "N"
        + SEQUENCE.incrementAndGet();
  }

  /** The simulator could not be started at all; trying another address would not help. */
  private static final class MissingExecutableException extends IOException {
    MissingExecutableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
