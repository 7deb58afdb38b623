package io.camerabridge.results;

import io.camerabridge.pekat.RawLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves NG frames of one camera as PNG files named {@code <camera>-<utc time>-<frameId>.png}, on
 * its own thread, keeping the camera's files under a disk cap by deleting the oldest first.
 *
 * <p>Work is bounded: at most {@link #QUEUE_CAPACITY} images wait; beyond that an image is skipped
 * and counted, so a slow disk can never hold camera buffers or grow memory. Every raw frame handed
 * in is released exactly once (after encoding, or at once when skipped).
 */
public final class NgImageSaver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NgImageSaver.class);
  private static final int QUEUE_CAPACITY = 2;
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final String camera;
  private final long maxDiskBytes;
  private final Runnable failures;
  private final Runnable saved;
  private final ThreadPoolExecutor executor;
  private final Pattern ownName;
  private final Deque<Path> files = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private long diskBytes;
  private volatile long lastFailureLogNanos;
  private volatile boolean failureLogged;
  private volatile long lastSkipLogNanos;

  /** Without a callback for saved images (tests, tools). */
  public NgImageSaver(Path dir, String camera, long maxDiskBytes, Runnable failures) {
    this(dir, camera, maxDiskBytes, failures, () -> {});
  }

  /**
   * @param dir where PNG files go (created on first save)
   * @param camera camera id, the file name prefix; the cap covers this camera's files only
   * @param maxDiskBytes the most this camera's NG images may occupy
   * @param failures called once per image not written (encoding or disk errors, or too busy)
   * @param saved called once per image written, on the saver's thread
   */
  public NgImageSaver(
      Path dir, String camera, long maxDiskBytes, Runnable failures, Runnable saved) {
    this.dir = dir.toAbsolutePath();
    this.camera = camera;
    this.ownName = Pattern.compile(Pattern.quote(camera) + "-\\d{8}T\\d{6}\\.\\d{3}Z-\\d+\\.png");
    this.maxDiskBytes = maxDiskBytes;
    this.failures = failures;
    this.saved = saved;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, "ng-images-" + camera);
              t.setDaemon(true);
              return t;
            });
    executor.execute(this::indexExisting);
  }

  /** Saves the PNG PEKAT returned (e.g. the annotated image); never blocks. */
  public void savePng(long frameId, Instant at, byte[] png) {
    submit(() -> store(frameId, at, png), () -> {});
  }

  /**
   * Encodes a raw frame to PNG and saves it; never blocks. {@code release} runs exactly once, when
   * the pixels are no longer needed.
   */
  public void saveRaw(
      long frameId,
      Instant at,
      ByteBuffer data,
      int width,
      int height,
      RawLayout layout,
      Runnable release) {
    submit(
        () -> {
          byte[] png;
          try {
            png = RawImageEncoder.toPng(data, width, height, layout);
          } finally {
            release.run();
          }
          store(frameId, at, png);
        },
        release);
  }

  /** Finishes queued images (waiting at most {@code timeout}) and stops the thread. */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("NG image saver for {} did not finish within {}", camera, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void submit(Runnable task, Runnable onSkip) {
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              fail("cannot encode NG image: " + e);
            }
          });
    } catch (RejectedExecutionException e) {
      onSkip.run();
      skipped();
    }
  }

  private void store(long frameId, Instant at, byte[] png) {
    Path target = dir.resolve(camera + "-" + STAMP.format(at) + "-" + frameId + ".png");
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(dir);
      Files.write(partial, png);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      files.addLast(target);
      diskBytes += png.length;
      enforceCap();
      saved.run();
      if (failureLogged) {
        LOG.info("NG images for {} are being saved to {} again", camera, dir);
        failureLogged = false;
      }
    } catch (IOException e) {
      deleteQuietly(partial);
      fail("cannot save NG image " + target + ": " + e);
    }
  }

  private void enforceCap() {
    while (diskBytes > maxDiskBytes && !files.isEmpty()) {
      Path oldest = files.removeFirst();
      try {
        long size = Files.size(oldest);
        Files.delete(oldest);
        diskBytes -= size;
      } catch (IOException e) {
        // Already gone (an operator cleaned up): forget it and recount from disk.
        reindex();
        return;
      }
    }
  }

  private void indexExisting() {
    reindex();
  }

  private void reindex() {
    files.clear();
    diskBytes = 0;
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> found = new ArrayList<>();
    // A glob "<camera>-*.png" would also match another camera's files in a shared directory
    // when one id prefixes the other (line1 and line1-side): match the whole name instead.
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(dir, p -> ownName.matcher(p.getFileName().toString()).matches())) {
      stream.forEach(found::add);
    } catch (IOException e) {
      fail("cannot list NG image directory " + dir + ": " + e);
      return;
    }
    found.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path p : found) {
      try {
        diskBytes += Files.size(p);
        files.addLast(p);
      } catch (IOException e) {
        // Deleted while listing: ignore.
      }
    }
    enforceCap();
  }

  /** Too many NG frames at once: counted, logged at most once a minute, not a disk problem. */
  private void skipped() {
    failures.run();
    long now = System.nanoTime();
    long last = lastSkipLogNanos;
    if (last == 0 || now - last > FAILURE_LOG_INTERVAL.toNanos()) {
      lastSkipLogNanos = now;
      LOG.warn(
          "NG image of camera {} skipped: {} images are already waiting to be encoded (counted;"
              + " logged at most once a minute)",
          camera,
          QUEUE_CAPACITY);
    }
  }

  private void fail(String message) {
    failures.run();
    long now = System.nanoTime();
    if (!failureLogged || now - lastFailureLogNanos > FAILURE_LOG_INTERVAL.toNanos()) {
      LOG.warn(
          "{} (further NG image failures are counted and logged at most once per minute)", message);
      lastFailureLogNanos = now;
      failureLogged = true;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // Best effort: the partial file is also skipped by the name pattern.
    }
  }
}
