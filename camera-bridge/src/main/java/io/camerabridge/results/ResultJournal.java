package io.camerabridge.results;

import io.camerabridge.pekat.AnalysisResult.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
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
 * <p>The file is rotated by size ({@code file} → {@code file.1} → … → {@code file.keepRotated}), so
 * at most {@code keepRotated + 1} files exist. A failing disk never stops acquisition: the record
 * is lost, counted, and the failure is logged at most once per {@link #FAILURE_LOG_INTERVAL}; the
 * next record tries to reopen the file.
 *
 * <p>Lines are collected in memory (at most {@link #BUFFER_BYTES}) and written when the queue runs
 * empty. Before each write the journal checks that its path still names the file it holds open: an
 * operator who deletes or moves the journal would otherwise leave every later record in an unlinked
 * file. Such a file is reopened, counted and logged, and the lines not yet written go to the new
 * file.
 *
 * <p>{@link #close(Duration)} never waits longer than its timeout, also when the disk hangs (a dead
 * NFS mount, a FIFO nobody reads): the writer is a daemon thread and whatever it has not written by
 * then is counted as lost.
 */
public final class ResultJournal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultJournal.class);
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
  private static final int QUEUE_CAPACITY = 4096;
  private static final int BUFFER_BYTES = 1 << 16;
  private static final FrameRecord END = endMarker();

  private final Path file;
  private final long maxFileBytes;
  private final int keepRotated;
  private final Events events;
  private final JournalLine lines = new JournalLine();
  private final BlockingQueue<FrameRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread writer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(BUFFER_BYTES);
  private int pendingRecords;
  private FileChannel out;
  private Object fileKey;
  private long fileBytes;
  private long lastFailureLogNanos;
  private boolean failureLogged;

  /** What the journal reports besides its file: the metrics of {@code target="journal"}. */
  public interface Events {
    /** One record could not be written. */
    void writeFailed();

    /** The journal's path no longer named the open file (deleted or moved): it was reopened. */
    void reopened();

    /** Records reached the file: a failure before this one is over. */
    default void written() {}
  }

  /**
   * Opens (appending) the journal and starts its writer thread.
   *
   * @param file the journal file; its parent directory is created if missing
   * @param maxFileBytes size after which the file is rotated
   * @param keepRotated how many rotated files to keep besides the live one (0: the live file is
   *     started afresh at each rotation)
   * @param events write failures and reopenings (metrics)
   */
  public ResultJournal(Path file, long maxFileBytes, int keepRotated, Events events) {
    if (maxFileBytes <= 0 || keepRotated < 0) {
      throw new IllegalArgumentException("maxFileBytes must be > 0 and keepRotated >= 0");
    }
    this.file = file.toAbsolutePath();
    this.maxFileBytes = maxFileBytes;
    this.keepRotated = keepRotated;
    this.events = events;
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
      events.writeFailed();
      logFailure("journal queue full or closed; record for frame " + record.frameId() + " lost");
    }
  }

  /**
   * Writes everything queued, writes out and closes the file; waits at most {@code timeout}, also
   * on a hung disk (then what is still queued is counted as lost).
   */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Never put(): on a hung disk the queue is full and nothing takes from it.
    queue.offer(END);
    try {
      writer.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      int lost = queue.size();
      for (int i = 0; i < lost; i++) {
        events.writeFailed();
      }
      LOG.warn(
          "Journal {} did not finish writing within {} (the disk does not take data);"
              + " {} queued record(s) lost",
          file,
          timeout,
          lost);
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
          writePending();
          if (closed.get() && queue.isEmpty()) {
            break;
          }
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
      writePending();
      closeFile();
    }
  }

  private void write(FrameRecord record) {
    try {
      ByteArrayOutputStream line = lines.encode(record);
      if (out == null) {
        open();
      }
      if (fileBytes > 0 && fileBytes + line.size() > maxFileBytes) {
        rotate();
      }
      line.writeTo(pending);
      pendingRecords++;
      fileBytes += line.size();
      if (pending.size() >= BUFFER_BYTES) {
        writePending();
      }
    } catch (IOException | RuntimeException e) {
      events.writeFailed();
      logFailure("cannot write journal " + file + ": " + e);
      closeFile();
    }
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    fileKey = attributes.fileKey();
    fileBytes = attributes.size() + pending.size();
  }

  /** Shifts file.(n-1) → file.n, …, file → file.1, dropping what falls past keepRotated. */
  private void rotate() throws IOException {
    writePending();
    closeFile();
    if (keepRotated == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(rotated(keepRotated));
      for (int i = keepRotated - 1; i >= 1; i--) {
        Path from = rotated(i);
        if (Files.exists(from)) {
          Files.move(from, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    }
    fileBytes = 0;
    open();
  }

  private Path rotated(int index) {
    return file.resolveSibling(file.getFileName() + "." + index);
  }

  /** Writes the collected lines to the file the journal's path names now. */
  private void writePending() {
    if (pending.size() == 0) {
      return;
    }
    try {
      if (out == null) {
        open();
      } else {
        reopenIfReplaced();
      }
      ByteBuffer bytes = ByteBuffer.wrap(pending.toByteArray());
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      for (int i = 0; i < pendingRecords; i++) {
        events.writeFailed();
      }
      logFailure("cannot write journal " + file + ": " + e);
      pending.reset();
      pendingRecords = 0;
      closeFile();
      return;
    }
    pending.reset();
    pendingRecords = 0;
    events.written();
    // Only a write proves the disk takes data again: opening succeeds on a full disk too.
    if (failureLogged) {
      LOG.info("Journal {} is writable again", file);
      failureLogged = false;
    }
  }

  /** One stat per write: cheap next to the write, and off every frame thread. */
  private void reopenIfReplaced() throws IOException {
    Object now;
    try {
      now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      now = null;
    }
    if (now != null && now.equals(fileKey)) {
      return;
    }
    events.reopened();
    LOG.warn(
        "Journal {} was {} while camera-bridge had it open; reopened it (counted in"
            + " camerabridge_journal_reopens_total)",
        file,
        now == null ? "deleted" : "replaced by another file");
    closeFile();
    fileBytes = 0;
    open();
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
        "",
        0,
        0,
        0,
        0,
        java.time.Instant.EPOCH,
        "end",
        Verdict.NONE,
        null,
        null,
        null,
        false,
        null,
        null,
        null);
  }
}
