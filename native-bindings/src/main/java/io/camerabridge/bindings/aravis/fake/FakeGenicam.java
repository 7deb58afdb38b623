package io.camerabridge.bindings.aravis.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * camera-bridge's extended GenICam description for {@code arv-fake-gv-camera-0.8 -g FILE}: Aravis
 * 0.8.26's own fake-camera XML, unchanged, plus digital I/O lines, user outputs, user sets, a
 * device temperature, timestamp commands, PTP status, white balance and chunk switches at free
 * register addresses from 0x4000 (the resource {@code camera-bridge-fake-camera.xml} beside this
 * class lists the map).
 *
 * <p>The fake device stores whatever the controlling client writes and does nothing else with these
 * registers, so a test checks the effect of a feature write by reading the register back with
 * {@link FakeGvCameraProcess#readRegister(int)}. The address constants below are that map.
 */
public final class FakeGenicam {
  /** Name of the XML resource next to this class. */
  public static final String RESOURCE = "camera-bridge-fake-camera.xml";

  /** {@code LineSelector}: 0..3 for Line0..Line3. */
  public static final int LINE_SELECTOR = 0x4000;

  /** Distance between the registers of two consecutive lines. */
  public static final int LINE_STRIDE = 0x10;

  /** {@code UserOutputSelector}: 0..2 for UserOutput0..UserOutput2. */
  public static final int USER_OUTPUT_SELECTOR = 0x4200;

  /** {@code UserOutputValueAll}: bit n is UserOutput n. */
  public static final int USER_OUTPUT_VALUE_ALL = 0x4204;

  /** {@code UserSetSelector}: 0 Default, 1..3 UserSet1..UserSet3. */
  public static final int USER_SET_SELECTOR = 0x4300;

  /** {@code UserSetLoad} command register: 1 once the command ran. */
  public static final int USER_SET_LOAD = 0x4304;

  /** {@code UserSetSave} command register: 1 once the command ran. */
  public static final int USER_SET_SAVE = 0x4308;

  /** {@code DeviceTemperature} (read-only), signed tenths of a degree Celsius. */
  public static final int DEVICE_TEMPERATURE = 0x4400;

  /** {@code PtpEnable} and {@code GevIEEE1588}: 0 or 1. */
  public static final int PTP_ENABLE = 0x4500;

  /**
   * {@code PtpStatus} and {@code GevIEEE1588Status} (read-only): 0 Disabled, 1 Initializing, 2
   * Faulty, 3 Listening, 4 PreMaster, 5 Master, 6 Passive, 7 Uncalibrated, 8 Slave.
   */
  public static final int PTP_STATUS = 0x4504;

  /** {@code TimestampReset} command register. */
  public static final int TIMESTAMP_RESET = 0x4600;

  /** {@code TimestampLatch} command register. */
  public static final int TIMESTAMP_LATCH = 0x4604;

  /** {@code BalanceRatioSelector}: 0 Red, 1 Green, 2 Blue. */
  public static final int BALANCE_RATIO_SELECTOR = 0x4700;

  /** {@code ChunkModeActive}: 0 or 1. */
  public static final int CHUNK_MODE_ACTIVE = 0x4800;

  /** {@code ChunkSelector}: 0 Timestamp, 1 ExposureTime. */
  public static final int CHUNK_SELECTOR = 0x4804;

  /** Temperature {@link FakeGvCameraProcess.Builder#extendedGenicam()} sets: 41.5 °C. */
  public static final int DEFAULT_TEMPERATURE_TENTHS = 415;

  private static Path extracted;

  private FakeGenicam() {}

  /** {@code LineMode} register of {@code line} (0..3): 0 Input, 1 Output. */
  public static int lineMode(int line) {
    return 0x4100 + LINE_STRIDE * checkIndex(line, 3);
  }

  /** {@code LineInverter} register of {@code line}: 0 or 1. */
  public static int lineInverter(int line) {
    return 0x4104 + LINE_STRIDE * checkIndex(line, 3);
  }

  /**
   * {@code LineSource} register of {@code line}: 0 Off, 1..3 UserOutput0..2, 4 ExposureActive, 5
   * FrameTriggerWait, 6 AcquisitionActive.
   */
  public static int lineSource(int line) {
    return 0x4108 + LINE_STRIDE * checkIndex(line, 3);
  }

  /** {@code UserOutputValue} register of user output {@code output} (0..2): 0 or 1. */
  public static int userOutputValue(int output) {
    return 0x4210 + 4 * checkIndex(output, 2);
  }

  /** {@code BalanceRatio} register of channel 0 Red, 1 Green, 2 Blue, in thousandths. */
  public static int balanceRatio(int channel) {
    return 0x4710 + 4 * checkIndex(channel, 2);
  }

  /** {@code ChunkEnable} register of chunk 0 Timestamp or 1 ExposureTime: 0 or 1. */
  public static int chunkEnable(int chunk) {
    return 0x4810 + 4 * checkIndex(chunk, 1);
  }

  /**
   * The XML as a file the simulator can load, extracted once per JVM into the temporary directory
   * (the simulator needs a path; the resource may sit inside a jar).
   */
  public static synchronized Path file() {
    if (extracted == null || !Files.isRegularFile(extracted)) {
      try (InputStream in = FakeGenicam.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Resource " + RESOURCE + " is missing from the jar");
        }
        Path file = Files.createTempFile("camera-bridge-fake-camera-", ".xml");
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        file.toFile().deleteOnExit();
        extracted = file;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot extract " + RESOURCE, e);
      }
    }
    return extracted;
  }

  private static int checkIndex(int index, int max) {
    if (index < 0 || index > max) {
      throw new IllegalArgumentException("Index " + index + " is outside 0.." + max);
    }
    return index;
  }
}
