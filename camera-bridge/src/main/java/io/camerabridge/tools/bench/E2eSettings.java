package io.camerabridge.tools.bench;

import io.camerabridge.config.OutputType;
import io.camerabridge.config.SocketBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code bench e2e} runs: the fake camera's image size, pixel format, frame rate and GVSP
 * packet size, and how long to measure after the warm-up; with {@code outputs}, those of the line,
 * MQTT and webhook outputs on every part and every third part NG, and with {@code baselines} a bare
 * GVCP read and a bare Paho publish at the same moments. {@code busyWait} null keeps the service's
 * default (half the frame period).
 */
record E2eSettings(
    int width,
    int height,
    BenchPixelFormat format,
    double fps,
    int packetBytes,
    Duration duration,
    Duration warmup,
    int buffers,
    String socketBuffer,
    int inFlight,
    Duration busyWait,
    int rounds,
    boolean compareArv,
    Set<OutputType> outputs,
    boolean baselines) {

  E2eSettings {
    if (width < 1 || height < 1 || width > 2048 || height > 2048) {
      throw new IllegalArgumentException(
          "the fake GigE camera supports 1..2048 pixels per side, got " + width + "x" + height);
    }
    if (format == BenchPixelFormat.BGR8) {
      throw new IllegalArgumentException(
          "the fake GigE camera has no BGR8; use Mono8 or BayerRG8 for bench e2e");
    }
    if (!(fps > 0 && fps <= 1000)) {
      throw new IllegalArgumentException("--fps must be in (0, 1000], got " + fps);
    }
    if (packetBytes < 576 || packetBytes > 9000) {
      throw new IllegalArgumentException(
          "--packet-size must be 576..9000 bytes (1400 standard, 8000 jumbo), got " + packetBytes);
    }
    if (inFlight < 1 || inFlight >= buffers) {
      throw new IllegalArgumentException(
          "--in-flight must be at least 1 and below --buffers (" + buffers + "), got " + inFlight);
    }
    if (busyWait != null && busyWait.isNegative()) {
      throw new IllegalArgumentException("--busy-wait must not be negative, got " + busyWait);
    }
    socketBuffer = socketBuffer == null ? SocketBuffer.DEFAULT.toString() : socketBuffer;
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    outputs =
        outputs == null || outputs.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(outputs));
    if (baselines && !outputs.contains(OutputType.LINE) && !outputs.contains(OutputType.MQTT)) {
      throw new IllegalArgumentException(
          "--baselines stand next to the line and mqtt outputs: add --outputs line,mqtt");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration);
    }
  }

  long frameBytes() {
    return format.layout().bodyLength(width, height);
  }
}
