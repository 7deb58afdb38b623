package io.camerabridge.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arv-camera-test-0.8} receiving N cameras at once, one process per camera: the reference
 * for what receiving the same streams costs Aravis alone. Each process runs longer than the window;
 * its CPU time is read from {@code /proc/PID/stat} at the window's start and end, and its complete
 * frames are the sum of the per-second "N frames/s" lines it prints within the window.
 */
final class ArvFleet implements AutoCloseable {

  private static final String STDBUF = "/usr/bin/stdbuf";
  private static final Pattern RATE = Pattern.compile("^\\s*(\\d+) frames/s");

  /** Linux reports utime and stime in clock ticks; USER_HZ is 100 on every Linux ABI we run on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final List<Member> members = new ArrayList<>();

  /** Starts one process per device; each runs {@code settings}' warm-up + duration + a margin. */
  static ArvFleet start(List<String> devices, E2eSettings settings) {
    ArvFleet fleet = new ArvFleet();
    long seconds = settings.warmup().toSeconds() + settings.duration().toSeconds() + 30;
    try {
      for (String device : devices) {
        List<String> cmd = new ArrayList<>(ArvCameraTestRun.command(device, settings));
        cmd.set(cmd.size() - 1, "--duration=" + seconds);
        // Its per-second lines go to a pipe, which C buffers by the 4 KiB: ask for lines.
        cmd.addAll(0, List.of(STDBUF, "-oL"));
        fleet.members.add(Member.start(cmd));
      }
      return fleet;
    } catch (IOException e) {
      fleet.close();
      throw new BenchException(
          "cannot run "
              + ArvCameraTestRun.EXECUTABLE
              + " (install Debian's aravis-tools): "
              + e.getMessage(),
          e);
    }
  }

  /** The fleet's counters now: CPU time of every process and complete frames so far, summed. */
  Sample sample() {
    long cpu = 0;
    long frames = 0;
    for (Member m : members) {
      cpu += m.cpuNanos();
      frames += m.frames.get();
    }
    return new Sample(System.nanoTime(), cpu, frames);
  }

  /** Waits until every process printed its first frame rate line (it is receiving). */
  void awaitReceiving(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Member m : members) {
      while (m.lines.get() == 0) {
        if (!m.process.isAlive() || System.nanoTime() - deadline > 0) {
          throw new BenchException(ArvCameraTestRun.EXECUTABLE + " received nothing: " + m.tail());
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  @Override
  public void close() {
    for (Member m : members) {
      m.process.destroy();
    }
    for (Member m : members) {
      try {
        if (!m.process.waitFor(5, TimeUnit.SECONDS)) {
          m.process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        m.process.destroyForcibly();
      }
    }
  }

  /** CPU time and complete frames of the whole fleet at one instant. */
  record Sample(long nanos, long cpuNanos, long frames) {
    Sample minus(Sample o) {
      return new Sample(nanos - o.nanos, cpuNanos - o.cpuNanos, frames - o.frames);
    }
  }

  /** One process and the reader of its output. */
  private static final class Member {
    final Process process;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    private volatile String last = "";

    private Member(Process process) {
      this.process = process;
    }

    static Member start(List<String> cmd) throws IOException {
      Member m = new Member(new ProcessBuilder(cmd).redirectErrorStream(true).start());
      Thread reader = new Thread(m::read, "arv-fleet-reader");
      reader.setDaemon(true);
      reader.start();
      return m;
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          last = line;
          Matcher rate = RATE.matcher(line);
          if (rate.find()) {
            frames.addAndGet(Long.parseLong(rate.group(1)));
            lines.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // The process ended; its counts so far stand.
      }
    }

    long cpuNanos() {
      return cpuTicks(process.pid()) * NANOS_PER_TICK;
    }

    String tail() {
      return "pid " + process.pid() + " (alive " + process.isAlive() + "), last line: " + last;
    }
  }

  /** utime + stime of a process, fields 14 and 15 of /proc/PID/stat (after the command's ')'). */
  static long cpuTicks(long pid) {
    try {
      return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      return 0; // the process is gone: nothing more to count
    }
  }

  static long parseCpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state), so field 14 (utime) is f[11] and field 15 (stime) is f[12].
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
