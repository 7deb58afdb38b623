package io.camerabridge.bindings.aravis;

import com.sun.jna.ptr.LongByReference;
import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.ArvBufferHandle;
import io.camerabridge.bindings.raw.ArvCameraHandle;
import io.camerabridge.bindings.raw.ArvStreamHandle;
import io.camerabridge.bindings.raw.GObject;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A camera's frame stream with a fixed pool of buffers; owns one {@code ArvStream} reference.
 *
 * <p>Buffers are allocated by Aravis ({@code arv_buffer_new_allocate}, PayloadSize bytes each, read
 * when the stream is created) and freed by Aravis when their last reference goes: no Java memory is
 * lent to native code, so nothing can be freed under the receiving thread. A popped {@link
 * ArvFrame} owns its buffer until {@link ArvFrame#release()} pushes it back (or unrefs it once the
 * stream is closed); a frame not released is a frame the camera cannot fill again.
 *
 * <p>Thread-safety: {@code pop}, {@code tryPop}, {@code statistics} and frame release may be called
 * from any thread. {@link #close()} waits for calls in progress (a pop waits at most {@link
 * #POP_SLICE} to notice) and then releases the stream, which joins Aravis's receiving thread; with
 * a dead GigE camera that takes ~5 s.
 */
public final class Stream implements AutoCloseable {
  /** Longest single native wait of {@link #pop(Duration)}, bounding how long close waits. */
  static final Duration POP_SLICE = Duration.ofMillis(100);

  private final Aravis arv = AravisLibrary.aravis();
  private final Camera camera;
  private final ArvStreamHandle handle;
  private final StreamGate gate = new StreamGate();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final int bufferCount;
  private final long bufferSize;
  private final boolean gige;
  private final Cleaner.Cleanable leakWatch;
  private final ReceiverPriority priority;

  private Stream(
      Camera camera,
      ArvStreamHandle handle,
      ReceiverPriority priority,
      int bufferCount,
      long bufferSize) {
    this.camera = camera;
    this.handle = handle;
    this.priority = priority;
    this.bufferCount = bufferCount;
    this.bufferSize = bufferSize;
    AtomicBoolean flag = closing;
    this.leakWatch = LeakReporter.watch(this, flag::get, "Stream of " + camera.id());
    this.gige =
        AravisLibrary.gobject().g_type_check_instance_is_a(handle, arv.arv_gv_stream_get_type());
  }

  /** Called with the camera lock held. */
  static Stream create(Camera camera, ArvCameraHandle cameraHandle, StreamOptions options) {
    Aravis arv = AravisLibrary.aravis();
    long payload =
        Integer.toUnsignedLong(
            GErrors.call(
                () -> "Reading the payload size of " + camera.id(),
                e -> arv.arv_camera_get_payload(cameraHandle, e)));
    // Frames are popped by the consumer; the only callback (optional) acts once, at thread start.
    ReceiverPriority priority =
        options.realtimePriority() == null
            ? null
            : new ReceiverPriority(options.realtimePriority(), "Stream of " + camera.id());
    ArvStreamHandle handle;
    try {
      handle =
          GErrors.call(
              () -> "Creating the stream of " + camera.id(),
              e -> arv.arv_camera_create_stream(cameraHandle, priority, null, e));
    } catch (RuntimeException e) {
      if (priority != null) {
        priority.unpin();
      }
      throw e;
    }
    Stream stream = new Stream(camera, handle, priority, options.bufferCount(), payload);
    try {
      if (stream.gige) {
        GvStreamTuning.apply(handle, options);
      }
      for (int i = 0; i < options.bufferCount(); i++) {
        arv.arv_stream_push_buffer(handle, arv.arv_buffer_new_allocate(payload));
      }
      return stream;
    } catch (RuntimeException e) {
      stream.closing.set(true);
      stream.gate.close();
      AravisLibrary.gobject().g_object_unref(handle);
      stream.unpinCallback();
      stream.leakWatch.clean();
      throw e;
    }
  }

  /**
   * Waits up to {@code timeout} for the next filled buffer (any status: check {@link
   * ArvFrame#status()}).
   *
   * @throws IllegalStateException if the stream is or gets closed
   */
  public Optional<ArvFrame> pop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long remaining = deadline - System.nanoTime();
      long slice = Math.max(0, Math.min(remaining, POP_SLICE.toNanos()));
      ArvBufferHandle buffer = popNative(TimeUnit.NANOSECONDS.toMicros(slice));
      if (buffer != null) {
        return Optional.of(new ArvFrame(this, buffer));
      }
      if (deadline - System.nanoTime() <= 0) {
        return Optional.empty();
      }
    }
  }

  /** The next filled buffer if one is waiting, without blocking. */
  public Optional<ArvFrame> tryPop() {
    if (!gate.enter()) {
      throw closedException();
    }
    try {
      ArvBufferHandle buffer = arv.arv_stream_try_pop_buffer(handle);
      return buffer == null ? Optional.empty() : Optional.of(new ArvFrame(this, buffer));
    } finally {
      gate.exit();
    }
  }

  /** Buffers in the pool. */
  public int bufferCount() {
    return bufferCount;
  }

  /** Bytes per buffer (PayloadSize when the stream was created). */
  public long bufferSize() {
    return bufferSize;
  }

  /** Whether this is a GigE Vision stream. */
  public boolean isGigE() {
    return gige;
  }

  /**
   * Whether the receiving thread runs with the realtime priority asked for in {@link
   * StreamOptions#realtimePriority()}: empty if none was asked or the thread has not started yet.
   */
  public Optional<Boolean> isReceiverRealtime() {
    if (priority == null || priority.outcome() == ReceiverPriority.Outcome.PENDING) {
      return Optional.empty();
    }
    return Optional.of(priority.outcome() == ReceiverPriority.Outcome.RAISED);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return gate.isClosed();
  }

  /** Current counters. */
  public StreamStatistics statistics() {
    if (!gate.enter()) {
      throw closedException();
    }
    try {
      LongByReference completed = new LongByReference();
      LongByReference failures = new LongByReference();
      LongByReference underruns = new LongByReference();
      arv.arv_stream_get_statistics(handle, completed, failures, underruns);
      Map<String, Long> infos = new LinkedHashMap<>();
      int n = arv.arv_stream_get_n_infos(handle);
      for (int i = 0; i < n; i++) {
        String name = arv.arv_stream_get_info_name(handle, i);
        if (name != null && isUint64(arv.arv_stream_get_info_type(handle, i))) {
          infos.put(name, arv.arv_stream_get_info_uint64(handle, i));
        }
      }
      return new StreamStatistics(
          completed.getValue(),
          failures.getValue(),
          underruns.getValue(),
          infos.getOrDefault("n_missing_packets", 0L),
          infos.getOrDefault("n_resent_packets", 0L),
          Map.copyOf(infos));
    } finally {
      gate.exit();
    }
  }

  /**
   * Stops acquisition if running, then releases the stream (joining Aravis's receiving thread and
   * freeing the queued buffers). Frames still held stay valid until released. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      camera.stopAcquisitionForTeardown();
    } finally {
      gate.close();
      synchronized (camera.lock()) {
        AravisLibrary.gobject().g_object_unref(handle);
      }
      unpinCallback();
      camera.streamClosed(this);
      leakWatch.clean();
    }
  }

  @Override
  public String toString() {
    return "Stream[" + camera.id() + ", " + bufferCount + " x " + bufferSize + " B]";
  }

  Number gvProperty(String name) {
    if (!gate.enter()) {
      throw closedException();
    }
    try {
      return GObjectProperties.get(handle, name);
    } finally {
      gate.exit();
    }
  }

  /** Returns a popped buffer: to the input queue while open, else drops it. Never blocks. */
  void giveBack(ArvBufferHandle buffer) {
    if (gate.enter()) {
      try {
        arv.arv_stream_push_buffer(handle, buffer);
        return;
      } finally {
        gate.exit();
      }
    }
    AravisLibrary.gobject().g_object_unref(buffer);
  }

  private ArvBufferHandle popNative(long timeoutMicros) {
    if (!gate.enter()) {
      throw closedException();
    }
    try {
      return arv.arv_stream_timeout_pop_buffer(handle, timeoutMicros);
    } finally {
      gate.exit();
    }
  }

  private void unpinCallback() {
    if (priority != null) {
      priority.unpin();
    }
  }

  private static boolean isUint64(long gType) {
    return AravisLibrary.gobject().g_type_fundamental(gType) == GObject.G_TYPE_UINT64;
  }

  private IllegalStateException closedException() {
    return new IllegalStateException("Stream of " + camera.id() + " is closed");
  }
}
