package io.camerabridge.ops;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd-style notification socket for tests: an {@code AF_UNIX} datagram socket bound by {@code
 * socat}, whose verbose dump ({@code -v}) gives each datagram with its length, so that messages
 * stay separate. The JDK cannot bind datagram Unix sockets, hence socat.
 */
final class NotifySocket implements AutoCloseable {

  private static final Pattern HEADER = Pattern.compile("length=(\\d+) from=\\d+ to=\\d+");

  private final Path path;
  private final Process socat;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile IOException failure;

  NotifySocket(Path directory) throws IOException {
    path = directory.resolve("notify.sock");
    socat =
        new ProcessBuilder("socat", "-u", "-v", "UNIX-RECV:" + path, "/dev/null")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    reader = new Thread(this::read, "notify-socket-reader");
    reader.setDaemon(true);
    reader.start();
    await("socat binds " + path).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(path));
  }

  /** The value for {@code NOTIFY_SOCKET}. */
  String path() {
    return path.toString();
  }

  /** Every datagram received so far, in order. */
  List<String> messages() {
    if (failure != null) {
      throw new IllegalStateException("Reading socat's dump failed", failure);
    }
    return List.copyOf(messages);
  }

  private void read() {
    try (InputStream in = socat.getErrorStream()) {
      while (true) {
        String header = readLine(in);
        if (header == null) {
          return;
        }
        Matcher m = HEADER.matcher(header);
        if (!m.find()) {
          continue;
        }
        byte[] payload = in.readNBytes(Integer.parseInt(m.group(1)));
        messages.add(new String(payload, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socat.destroy();
    try {
      socat.waitFor();
      reader.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(path);
  }
}
