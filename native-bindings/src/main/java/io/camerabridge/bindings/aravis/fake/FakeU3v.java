package io.camerabridge.bindings.aravis.fake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The environment of a process that sees fake-u3v's USB3 Vision cameras instead of real USB.
 *
 * <p>fake-u3v ({@code native-bindings/src/fake-u3v}, built into {@code
 * native-bindings/target/fake-u3v}) is a library named {@code libusb-1.0.so.0}: a process started
 * with its directory first on {@code LD_LIBRARY_PATH} loads it instead of the system libusb, and
 * Aravis in that process finds the cameras it emulates (GenCP control channel, U3V bootstrap
 * registers, leader/payload/trailer streaming). The library is loaded once per process, so the
 * environment must be set when the process starts: this class builds it for a {@link
 * ProcessBuilder} (a child JVM, {@code arv-tool-0.8}, the service).
 *
 * <p>Pixel (x, y) of the frame with block id {@code id} is {@code (x + OffsetX + y + OffsetY + id)
 * & 0xff} in every 8-bit format ({@link #expectedPixel}).
 *
 * <pre>{@code
 * ProcessBuilder pb = new ProcessBuilder("arv-tool-0.8");
 * FakeU3v.builder().serials("CAM1").fps(30).build().applyTo(pb);
 * }</pre>
 */
public final class FakeU3v {
  /** System property naming the directory of the built library (the poms set it for tests). */
  public static final String DIRECTORY_PROPERTY = "fake.u3v.dir";

  /** The manufacturer string the devices report unless overridden. */
  public static final String VENDOR = "camera-bridge";

  /** The model string the devices report. */
  public static final String MODEL = "fake-u3v";

  private final Map<String, String> variables;
  private final List<String> serials;

  private FakeU3v(Map<String, String> variables, List<String> serials) {
    this.variables = Map.copyOf(variables);
    this.serials = List.copyOf(serials);
  }

  /** Options for the emulated devices. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Directory holding the built {@code libusb-1.0.so.0}: the {@value #DIRECTORY_PROPERTY} system
   * property, else {@code target/fake-u3v} or {@code ../native-bindings/target/fake-u3v} from the
   * working directory, whichever holds the library.
   *
   * @throws IllegalStateException if it is not built (run the native-bindings build)
   */
  public static Path libraryDirectory() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY))
        .map(Path::of)
        .ifPresent(candidates::add);
    candidates.add(Path.of("target", "fake-u3v"));
    candidates.add(Path.of("..", "native-bindings", "target", "fake-u3v"));
    for (Path dir : candidates) {
      if (Files.isRegularFile(dir.resolve("libusb-1.0.so.0"))) {
        return dir.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "fake-u3v is not built (looked in "
            + candidates
            + "): run mvn -pl native-bindings generate-test-resources");
  }

  /** The value a pixel must have: {@code (x + offsetX + y + offsetY + blockId) & 0xff}. */
  public static int expectedPixel(int x, int y, int offsetX, int offsetY, long blockId) {
    return (int) ((x + offsetX + y + offsetY + blockId) & 0xff);
  }

  /** CRC-32C of a whole 8-bit frame of fake-u3v's pattern (what a body checksum must be). */
  public static long crc32c(int width, int height, int offsetX, int offsetY, long blockId) {
    CRC32C crc = new CRC32C();
    byte[] row = new byte[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        row[x] = (byte) expectedPixel(x, y, offsetX, offsetY, blockId);
      }
      crc.update(row);
    }
    return crc.getValue();
  }

  /** Serial numbers of the devices, in bus order. */
  public List<String> serials() {
    return serials;
  }

  /** Aravis's device id of device {@code index}: {@code vendor-GUID-serial}. */
  public String deviceId(int index) {
    return VENDOR + "-" + String.format("CB0000%06X", index + 1) + "-" + serials.get(index);
  }

  /** The {@code FAKE_U3V_*} variables alone. */
  public Map<String, String> variables() {
    return variables;
  }

  /** Variables plus {@code LD_LIBRARY_PATH} with the library's directory first. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>(variables);
    String inherited = System.getenv("LD_LIBRARY_PATH");
    String dir = libraryDirectory().toString();
    env.put(
        "LD_LIBRARY_PATH", inherited == null || inherited.isEmpty() ? dir : dir + ":" + inherited);
    return env;
  }

  /** Puts {@link #environment()} into the builder's environment; returns the builder. */
  public ProcessBuilder applyTo(ProcessBuilder builder) {
    builder.environment().putAll(environment());
    return builder;
  }

  /** Options; everything unset keeps fake-u3v's default. */
  public static final class Builder {
    private final Map<String, String> variables = new LinkedHashMap<>();
    private List<String> serials = List.of("U3V-0001");

    private Builder() {}

    /** Devices with these serial numbers (one device each). */
    public Builder serials(String... serials) {
      if (serials.length < 1 || serials.length > 8) {
        throw new IllegalArgumentException("fake-u3v emulates 1 to 8 devices");
      }
      for (String s : serials) {
        if (s.isEmpty() || s.contains(",") || s.length() > 63) {
          throw new IllegalArgumentException("Bad serial number: '" + s + "'");
        }
      }
      this.serials = List.of(serials);
      variables.put("FAKE_U3V_DEVICES", Integer.toString(serials.length));
      variables.put("FAKE_U3V_SERIALS", String.join(",", serials));
      return this;
    }

    /** Initial AcquisitionFrameRate (1..200). */
    public Builder fps(double fps) {
      variables.put("FAKE_U3V_FPS", Double.toString(fps));
      return this;
    }

    /** The device leaves the bus after sending this many frames (once per process). */
    public Builder unplugAfterFrames(long frames) {
      variables.put("FAKE_U3V_UNPLUG_AFTER_FRAMES", Long.toString(frames));
      return this;
    }

    /** ... and comes back, power-cycled, after this long. */
    public Builder replugAfter(Duration delay) {
      variables.put("FAKE_U3V_REPLUG_AFTER_MS", Long.toString(delay.toMillis()));
      return this;
    }

    /** After each return, the device leaves again after the same number of frames. */
    public Builder unplugRepeatedly() {
      variables.put("FAKE_U3V_UNPLUG_REPEAT", "1");
      return this;
    }

    /** The stream pauses for {@code pause} after this many frames (once). */
    public Builder stallAfterFrames(long frames, Duration pause) {
      variables.put("FAKE_U3V_STALL_AFTER_FRAMES", Long.toString(frames));
      variables.put("FAKE_U3V_STALL_MS", Long.toString(pause.toMillis()));
      return this;
    }

    /** Every {@code n}th frame's payload comes up short (the trailer says so). */
    public Builder shortPayloadEvery(long n) {
      variables.put("FAKE_U3V_SHORT_PAYLOAD_EVERY", Long.toString(n));
      return this;
    }

    /** Command writes answer PENDING_ACK first and the real acknowledge after {@code delay}. */
    public Builder pendingAck(Duration delay) {
      variables.put("FAKE_U3V_PENDING_ACK_MS", Long.toString(delay.toMillis()));
      return this;
    }

    /** The faults apply only to the devices with these serial numbers (default: all). */
    public Builder faultsOnly(String... serials) {
      variables.put("FAKE_U3V_FAULT_SERIALS", String.join(",", serials));
      return this;
    }

    /** fake-u3v logs what it does to stderr. */
    public Builder debug() {
      variables.put("FAKE_U3V_DEBUG", "1");
      return this;
    }

    /** The environment for these options. */
    public FakeU3v build() {
      return new FakeU3v(variables, serials);
    }
  }
}
