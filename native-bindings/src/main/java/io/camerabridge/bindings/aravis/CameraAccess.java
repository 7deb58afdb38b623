package io.camerabridge.bindings.aravis;

import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.camerabridge.bindings.raw.ArvCameraHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Serialised, checked access to one {@code ArvCamera}: every call holds the camera's lock, fails
 * once the camera is closed, and turns a GError into an {@link AravisException}. Shared by {@link
 * Camera}, {@link CameraFeatures} and {@link GigeOptions}.
 */
final class CameraAccess {
  private final ArvCameraHandle handle;
  private final Object lock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String id;

  CameraAccess(ArvCameraHandle handle, String id) {
    this.handle = handle;
    this.id = id;
  }

  String id() {
    return id;
  }

  Object lock() {
    return lock;
  }

  ArvCameraHandle handle() {
    return handle;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Marks the camera closed; true only for the first caller. */
  boolean markClosed() {
    return closed.compareAndSet(false, true);
  }

  <T> T call(Supplier<String> operation, BiFunction<ArvCameraHandle, PointerByReference, T> fn) {
    synchronized (lock) {
      ensureOpen();
      return GErrors.call(operation, e -> fn.apply(handle, e));
    }
  }

  void run(Supplier<String> operation, BiConsumer<ArvCameraHandle, PointerByReference> fn) {
    synchronized (lock) {
      ensureOpen();
      GErrors.run(operation, e -> fn.accept(handle, e));
    }
  }

  IntRange intBounds(String what, IntBoundsCall fn) {
    IntByReference min = new IntByReference();
    IntByReference max = new IntByReference();
    run(() -> "Reading " + what + " bounds of " + id, (c, e) -> fn.call(c, min, max, e));
    return new IntRange(min.getValue(), max.getValue());
  }

  DoubleRange doubleBounds(String what, DoubleBoundsCall fn) {
    DoubleByReference min = new DoubleByReference();
    DoubleByReference max = new DoubleByReference();
    run(() -> "Reading " + what + " bounds of " + id, (c, e) -> fn.call(c, min, max, e));
    return new DoubleRange(min.getValue(), max.getValue());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("Camera " + id + " is closed");
    }
  }

  /** A {@code void f(ArvCamera *, gint *min, gint *max, GError **)} bounds getter. */
  @FunctionalInterface
  interface IntBoundsCall {
    void call(ArvCameraHandle c, IntByReference min, IntByReference max, PointerByReference e);
  }

  /** A {@code void f(ArvCamera *, double *min, double *max, GError **)} bounds getter. */
  @FunctionalInterface
  interface DoubleBoundsCall {
    void call(
        ArvCameraHandle c, DoubleByReference min, DoubleByReference max, PointerByReference e);
  }
}
