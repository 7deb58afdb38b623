package io.camerabridge.bindings.aravis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Threads and memory of this process as the kernel sees them (native threads included). */
final class NativeThreads {
  private NativeThreads() {}

  /** Names ({@code comm}) of every thread of this process. */
  static List<String> names() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks
          .map(
              t -> {
                try {
                  return Files.readString(t.resolve("comm")).trim();
                } catch (IOException e) {
                  return ""; // the thread ended while listing
                }
              })
          .filter(n -> !n.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Threads Aravis starts per camera and stream (GLib names them {@code arv_...}). */
  static List<String> aravisThreads() {
    return names().stream().filter(n -> n.startsWith("arv_")).toList();
  }

  /** Resident set size in KiB ({@code VmRSS} of /proc/self/status). */
  static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      throw new IllegalStateException("No VmRSS in /proc/self/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
