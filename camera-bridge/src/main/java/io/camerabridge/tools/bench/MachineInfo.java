package io.camerabridge.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a figure was measured on, printed with every result: CPU count and model, kernel,
 * JDK, and the load average, because on a shared machine the load explains most of the drift.
 */
record MachineInfo(int cpus, String cpuModel, String kernel, String jdk, String loadAverage) {

  static MachineInfo current() {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        read("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 0.52 0.61 0.70}. */
  static String currentLoadAverage() {
    String text = read("/proc/loadavg", "");
    String[] parts = text.split("\\s+");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  String oneLine() {
    return String.format(
        Locale.ROOT,
        "%d CPUs (%s), Linux %s, %s, load average %s",
        cpus,
        cpuModel,
        kernel,
        jdk,
        loadAverage);
  }

  private static String readCpuModel() {
    for (String line : read("/proc/cpuinfo", "").split("\\R")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String read(String file, String fallback) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return fallback;
    }
  }
}
