package io.camerabridge.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camerabridge.pekat.AnalysisResult.Verdict;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-camera result journal: one JSON object per line, written by its own thread so neither the
 * acquisition thread nor the Netty event loop ever waits for the disk.
 *
 * <p>The file is rotated by size ({@code file} → {@code file.1} → … → {@code file.(maxFiles-1)}),
 * so at most {@code maxFiles} files exist. A failing disk never stops acquisition: the record is
 * lost, counted, and the failure is logged at most once per {@link #FAILURE_LOG_INTERVAL}; the next
 * record tries to reopen the file. {@link #close()} writes everything queued and flushes.
 */
public final class ResultJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultJournal.class);
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
  private static final int QUEUE_CAPACITY = 4096;
  private static final FrameRecord END = endMarker();

  private final Path file;
  private final long maxFileBytes;
  private final int maxFiles;
  private final Runnable writeFailures;
  private final ObjectMapper json = new ObjectMapper();
  private final BlockingQueue<FrameRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread writer;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
  private OutputStream out;
  private long fileBytes;
  private long lastFailureLogNanos;
  private boolean failureLogged;

  /**
   * Opens (appending) the journal and starts its writer thread.
   *
   * @param file the journal file; its parent directory is created if missing
   * @param maxFileBytes size after which the file is rotated
   * @param maxFiles how many files to keep, the live one included (at least 1)
   * @param writeFailures called once per record that could not be written (a metric)
   */
  public ResultJournal(Path file, long maxFileBytes, int maxFiles, Runnable writeFailures) {
    if (maxFileBytes <= 0 || maxFiles < 1) {
      throw new IllegalArgumentException("maxFileBytes must be > 0 and maxFiles >= 1");
    }
    this.file = file.toAbsolutePath();
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = maxFiles;
    this.writeFailures = writeFailures;
    this.writer = new Thread(this::writeLoop, "journal-" + file.getFileName());
    writer.setDaemon(true);
    writer.start();
  }

  /** The live journal file. */
  public Path file() {
    return file;
  }

  /**
   * Queues a record without blocking. When the writer is far behind (the queue is full) or the
   * journal is closed, the record is counted as a write failure instead.
   */
  public void append(FrameRecord record) {
    if (closed.get() || !queue.offer(record)) {
      writeFailures.run();
      logFailure("journal queue full or closed; record for frame " + record.frameId() + " lost");
    }
  }

  /** Writes everything queued, flushes and closes the file; waits at most {@code timeout}. */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      queue.put(END);
      writer.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.warn("Journal {} did not finish writing within {}", file, timeout);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void writeLoop() {
    try {
      while (true) {
        FrameRecord record = queue.poll();
        if (record == null) {
          flushQuietly();
          record = queue.poll(1, TimeUnit.SECONDS);
          if (record == null) {
            continue;
          }
        }
        if (record == END) {
          break;
        }
        write(record);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeFile();
    }
  }

  private void write(FrameRecord record) {
    try {
      line.reset();
      encode(record, line);
      line.write('\n');
      if (out == null) {
        open();
      }
      if (fileBytes > 0 && fileBytes + line.size() > maxFileBytes) {
        rotate();
      }
      line.writeTo(out);
      fileBytes += line.size();
    } catch (IOException | RuntimeException e) {
      writeFailures.run();
      logFailure("cannot write journal " + file + ": " + e);
      closeFile();
    }
  }

  private void encode(FrameRecord r, OutputStream target) throws IOException {
    try (JsonGenerator g = json.getFactory().createGenerator(target, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("camera", r.camera());
      g.writeNumberField("sequence", r.sequence());
      g.writeNumberField("frameId", r.frameId());
      g.writeNumberField("timestampNanos", r.timestampNanos());
      g.writeNumberField("systemTimestampNanos", r.systemTimestampNanos());
      g.writeStringField("completedAt", r.completedAt().toString());
      g.writeStringField("outcome", r.outcome());
      g.writeStringField("verdict", r.verdict().name());
      if (r.late()) {
        g.writeBooleanField("late", true);
      }
      g.writeObjectFieldStart("timingsMs");
      for (Map.Entry<String, Double> t : r.timingsMillis().entrySet()) {
        g.writeNumberField(t.getKey(), t.getValue());
      }
      g.writeEndObject();
      if (r.error() != null) {
        g.writeStringField("error", r.error());
      }
      if (r.contextJson() != null) {
        writeContext(g, r.contextJson());
      }
      g.writeEndObject();
    }
  }

  /** Re-encodes the context so a pretty-printed answer cannot break the one-line-per-frame rule. */
  private void writeContext(JsonGenerator g, String contextJson) throws IOException {
    JsonNode context;
    try {
      context = json.readTree(contextJson);
    } catch (JsonProcessingException e) {
      g.writeStringField("contextText", contextJson);
      return;
    }
    g.writeFieldName("context");
    json.writeTree(g, context);
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out =
        new BufferedOutputStream(
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE),
            1 << 16);
    fileBytes = Files.size(file);
  }

  /** Shifts file.(n-1) → file.n, …, file → file.1, dropping what falls past maxFiles. */
  private void rotate() throws IOException {
    out.close();
    out = null;
    if (maxFiles == 1) {
      Files.delete(file);
    } else {
      Files.deleteIfExists(rotated(maxFiles - 1));
      for (int i = maxFiles - 2; i >= 1; i--) {
        Path from = rotated(i);
        if (Files.exists(from)) {
          Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  private void flushQuietly() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      writeFailures.run();
      logFailure("cannot flush journal " + file + ": " + e);
      closeFile();
      return;
    }
    // Only a flush proves the disk takes data again: opening succeeds on a full disk too.
    if (failureLogged) {
      LOG.info("Journal {} is writable again", file);
      failureLogged = false;
    }
  }

  private void closeFile() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      logFailure("cannot close journal " + file + ": " + e);
    }
    out = null;
  }

  private void logFailure(String message) {
    long now = System.nanoTime();
    if (!failureLogged || now - lastFailureLogNanos > FAILURE_LOG_INTERVAL.toNanos()) {
      LOG.warn(
          "{} (further journal failures are counted in metrics and logged at most once per"
              + " minute)",
          message);
      lastFailureLogNanos = now;
      failureLogged = true;
    }
  }

  private static FrameRecord endMarker() {
    return new FrameRecord(
        "", 0, 0, 0, 0, java.time.Instant.EPOCH, "end", Verdict.NONE, null, null, null, false);
  }
}
