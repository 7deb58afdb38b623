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

  /** Scheduling policy numbers (0 OTHER, 1 FIFO, 2 RR) of the threads named {@code comm}. */
  static List<Integer> schedulingPolicies(String comm) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks
          .filter(t -> comm.equals(read(t.resolve("comm"))))
          .map(
              t -> read(t.resolve("sched")).lines().filter(l -> l.startsWith("policy")).findFirst())
          .flatMap(java.util.Optional::stream)
          .map(l -> Integer.parseInt(l.replaceAll("[^0-9]", "")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p).trim();
    } catch (IOException e) {
      return ""; // the thread ended while listing
    }
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
