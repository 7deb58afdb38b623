package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd notification protocol on a real {@code AF_UNIX} datagram socket, as systemd would see
 * it: READY, then STATUS and WATCHDOG while frames flow, no WATCHDOG while they stall, WATCHDOG
 * again when they resume, STOPPING last.
 */
class NotifyProtocolIT {

  private static final String WATCHDOG = "WATCHDOG=1";

  @TempDir Path tmp;
  private Process probe;

  @AfterEach
  void killProbe() {
    if (probe != null) {
      probe.destroyForcibly();
    }
  }

  @Test
  void watchdogPingsOnlyWhileFramesFlow() throws Exception {
    try (NotifySocket socket = new NotifySocket(tmp)) {
      probe = startProbe(socket.path());
      OutputStream commands = probe.getOutputStream();

      await("READY, STATUS and WATCHDOG arrive")
          .atMost(Duration.ofSeconds(30))
          .until(() -> socket.messages().contains(WATCHDOG));
      List<String> start = socket.messages();
      assertThat(start.get(0)).isEqualTo("READY=1");
      assertThat(start.get(1)).startsWith("STATUS=probe: streaming, last frame ");

      send(commands, "stall");
      int stalledAt = socket.messages().size();
      await("keep-alives stop while no frames arrive")
          .atMost(Duration.ofSeconds(30))
          .until(() -> statusesWithoutWatchdogSince(socket.messages(), stalledAt) >= 5);

      send(commands, "resume");
      int resumedAt = socket.messages().size();
      await("keep-alives resume with the frames")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  socket
                      .messages()
                      .subList(resumedAt, socket.messages().size())
                      .contains(WATCHDOG));

      send(commands, "stop");
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).as("probe exits").isTrue();
      assertThat(probe.exitValue()).isZero();
      await("STOPPING arrives")
          .atMost(Duration.ofSeconds(10))
          .until(() -> socket.messages().contains("STOPPING=1"));

      List<String> all = socket.messages();
      assertThat(all.get(all.size() - 1)).isEqualTo("STOPPING=1");
      assertThat(all).filteredOn("READY=1"::equals).hasSize(1);
      assertThat(all)
          .allMatch(
              m ->
                  m.equals("READY=1")
                      || m.equals(WATCHDOG)
                      || m.equals("STOPPING=1")
                      || (m.startsWith("STATUS=") && !m.contains("\n")));
    }
  }

  /** The longest run of STATUS messages after {@code from} with no WATCHDOG between them. */
  private static int statusesWithoutWatchdogSince(List<String> messages, int from) {
    int run = 0;
    int longest = 0;
    for (String message : messages.subList(from, messages.size())) {
      if (message.equals(WATCHDOG)) {
        run = 0;
      } else if (message.startsWith("STATUS=")) {
        longest = Math.max(longest, ++run);
      }
    }
    return longest;
  }

  private Process startProbe(String notifySocket) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                NotifyProbe.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("probe.log").toFile());
    builder.environment().put("NOTIFY_SOCKET", notifySocket);
    builder.environment().put("WATCHDOG_USEC", "400000");
    builder.environment().remove("WATCHDOG_PID");
    return builder.start();
  }

  private static void send(OutputStream commands, String command) throws IOException {
    commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    commands.flush();
  }
}
