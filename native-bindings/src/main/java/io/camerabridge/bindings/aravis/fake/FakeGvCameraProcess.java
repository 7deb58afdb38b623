package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A real GigE Vision camera simulator ({@code arv-fake-gv-camera-0.8} from Debian's {@code
 * aravis-tools}) running as a child process on a private loopback address.
 *
 * <p>Used by the binding's and the service's tests, by the demo script and by the benchmarks: it
 * speaks GVCP and GVSP over real UDP sockets, so everything between the socket and the frame is
 * exercised exactly as with a camera on a cable.
 *
 * <p>Each instance leases its own address 127.0.0.x whose UDP port 3956 is free (adding it to
 * {@code lo} when needed, which needs root or CAP_NET_ADMIN), starts the simulator on it with a
 * unique serial number and returns once the camera answers a GVCP discovery request. {@link
 * #close()} stops the process and gives the address back. Never hard-code 127.0.0.1 in tests:
 * engineers and CI jobs share the host.
 *
 * <pre>{@code
 * try (FakeGvCameraProcess camera = FakeGvCameraProcess.builder().start()) {
 *   Camera.open(camera.serial()); // or camera.deviceId(), camera.address().getHostAddress()
 * }
 * }</pre>
 */
public final class FakeGvCameraProcess implements AutoCloseable {
  /** Name of the simulator executable on the {@code PATH}. */
  public static final String EXECUTABLE = "arv-fake-gv-camera-0.8";

  private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9]{1,15}");
  private static final Set<FakeGvCameraProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
  private static final Duration POLL = Duration.ofMillis(100);

  private final String serial;
  private final LoopbackAddressLease lease;
  private final Process process;
  private final Path log;
  private final AtomicBoolean closed = new AtomicBoolean();

  FakeGvCameraProcess(String serial, LoopbackAddressLease lease, Process process, Path log) {
    this.serial = serial;
    this.lease = lease;
    this.process = process;
    this.log = log;
  }

  /** Starts a camera with a unique serial number and default options. */
  public static FakeGvCameraProcess start() throws IOException {
    return builder().start();
  }

  /** Options for a new simulator process. */
  public static Builder builder() {
    return new Builder();
  }

  /** Address the camera listens on (GVCP port 3956). */
  public InetAddress address() {
    return lease.address();
  }

  /** Serial number given with {@code -s}. */
  public String serial() {
    return serial;
  }

  /** Aravis device id of this camera: {@code Aravis-Fake-<serial>}. */
  public String deviceId() {
    return "Aravis-Fake-" + serial;
  }

  /** Operating-system process id of the simulator. */
  public long pid() {
    return process.pid();
  }

  /**
   * Reads a 32-bit device register over plain GVCP, bypassing Aravis: the simulator answers any
   * sender, also while another client (the bridge under test) holds control. Use the addresses in
   * {@link FakeGenicam} to check what a feature write stored.
   */
  public int readRegister(int address) throws IOException {
    return GvcpRegisters.read(address(), address, POLL.multipliedBy(5));
  }

  /**
   * Writes a 32-bit device register over plain GVCP. The simulator only accepts writes from its
   * controller, so this works only while no client has the camera open (e.g. to preset a read-only
   * value such as {@link FakeGenicam#DEVICE_TEMPERATURE} before the bridge starts).
   */
  public void writeRegister(int address, int value) throws IOException {
    GvcpRegisters.write(address(), address, value, POLL.multipliedBy(5));
  }

  /** Whether the simulator process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the simulator with SIGKILL, as if the camera lost power; the address stays leased until
   * {@link #close()}.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Freezes the simulator (SIGSTOP), as if the cable were pulled; see {@link #resume()}. */
  public void pause() throws IOException {
    signal("STOP");
    awaitStopped(true);
  }

  /** Continues a simulator frozen by {@link #pause()} (SIGCONT). */
  public void resume() throws IOException {
    signal("CONT");
    awaitStopped(false);
  }

  /** What the simulator printed so far (stdout and stderr), for failure messages. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unavailable: " + e.getMessage() + ")";
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 2 s) and returns the address. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RUNNING.remove(this);
    try {
      FakeGvCameraLauncher.stop(process);
    } finally {
      try {
        lease.close();
        Files.deleteIfExists(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public String toString() {
    return "FakeGvCameraProcess[" + deviceId() + " @ " + address().getHostAddress() + "]";
  }

  private void signal(String name) throws IOException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
    try {
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException("kill -" + name + " " + pid() + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while signalling " + this, e);
    }
  }

  /** Signals are delivered asynchronously: wait until the kernel shows the state we asked for. */
  private void awaitStopped(boolean stopped) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid()), "stat");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      // Format: "pid (comm) S ..."; comm may contain spaces, so read after the last ')'.
      char state = text.charAt(text.lastIndexOf(')') + 2);
      if ((state == 'T') == stopped) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new IOException(this + " did not " + (stopped ? "stop" : "continue") + " within 5 s");
  }

  /** Stops {@code camera} when the JVM exits, unless it was closed before. */
  static void stopAtExit(FakeGvCameraProcess camera) {
    RUNNING.add(camera);
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      // Child processes outlive the JVM unless stopped; a crashed test must not leave cameras.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> Set.copyOf(RUNNING).forEach(FakeGvCameraProcess::close),
                  "fake-gv-camera-cleanup"));
    }
  }

  /** Options for {@link FakeGvCameraProcess}; defaults are a unique serial and no packet loss. */
  public static final class Builder {
    private String serial;
    private int lostPacketsPerThousand;
    private Duration startTimeout = Duration.ofSeconds(10);
    private String executable = EXECUTABLE;
    private Path genicam;
    private final Map<Integer, Integer> registers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Loads this GenICam XML instead of the built-in one ({@code -g FILE}). Its features must keep
     * the built-in registers' addresses: the simulator's C code reads them to make frames.
     */
    public Builder genicam(Path xml) {
      this.genicam = xml;
      return this;
    }

    /**
     * Loads camera-bridge's extended description ({@link FakeGenicam}: lines, user outputs, user
     * sets, DeviceTemperature, timestamps, PTP, white balance, chunk switches) and presets
     * DeviceTemperature to 41.5 °C.
     */
    public Builder extendedGenicam() {
      genicam(FakeGenicam.file());
      return register(FakeGenicam.DEVICE_TEMPERATURE, FakeGenicam.DEFAULT_TEMPERATURE_TENTHS);
    }

    /**
     * Writes {@code value} to the register at {@code address} once the simulator answers, before
     * {@link #start()} returns and before any client took control (read-only registers such as
     * {@link FakeGenicam#PTP_STATUS} can only be set this way). Later calls for the same address
     * win.
     */
    public Builder register(int address, int value) {
      registers.put(address, value);
      return this;
    }

    /** Serial number, 1 to 15 letters or digits (it becomes part of the device id). */
    public Builder serial(String serial) {
      if (!SERIAL.matcher(serial).matches()) {
        throw new IllegalArgumentException(
            "Fake camera serial '" + serial + "' must be 1 to 15 letters or digits");
      }
      this.serial = serial;
      return this;
    }

    /** Makes the simulator drop this many GVSP packets per thousand ({@code --gvsp-lost-ratio}). */
    public Builder lostPacketsPerThousand(int perThousand) {
      if (perThousand < 0 || perThousand > 1000) {
        throw new IllegalArgumentException(
            "lostPacketsPerThousand must be 0..1000, was " + perThousand);
      }
      this.lostPacketsPerThousand = perThousand;
      return this;
    }

    /** How long to wait for the camera to answer discovery (default 10 s). */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Path of the simulator executable (default {@value #EXECUTABLE} on the PATH). */
    public Builder executable(String executable) {
      this.executable = executable;
      return this;
    }

    /** Starts the process and waits until the camera answers on its address. */
    public FakeGvCameraProcess start() throws IOException {
      return new FakeGvCameraLauncher(
              executable,
              serial,
              lostPacketsPerThousand,
              genicam,
              new LinkedHashMap<>(registers),
              startTimeout)
          .start();
    }
  }
}
