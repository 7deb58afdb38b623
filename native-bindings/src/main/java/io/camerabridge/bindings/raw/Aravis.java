package io.camerabridge.bindings.raw;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Aravis 0.8 ({@code libaravis-0.8.so.0}, Debian package {@code libaravis-0.8-0}), with the C names
 * and the signatures of the 0.8.26 headers.
 *
 * <p>The functions are grouped by header in the super-interfaces so that each stays readable;
 * {@link #INSTANCE} binds them all to one library handle. Conventions throughout:
 *
 * <ul>
 *   <li>{@code GError **error} is a {@link com.sun.jna.ptr.PointerByReference} whose value must be
 *       NULL on entry; a non-NULL value afterwards means failure: read it with {@link GError} and
 *       free it with {@link GLib#g_error_free}.
 *   <li>{@code gboolean} maps to {@code boolean}, {@code gint/guint/enums/ArvPixelFormat} to {@code
 *       int}, {@code gint64/guint64} to {@code long}, {@code size_t *} to {@link
 *       com.sun.jna.ptr.LongByReference} (LP64 only).
 *   <li>{@code const char *} results mapped to {@link String} are transfer none and copied by JNA
 *       at once; transfer-full arrays are returned as {@link com.sun.jna.Pointer} to be released
 *       with {@link GLib#g_free}.
 *   <li>Aravis objects are not thread-safe; only the stream push/pop functions may be called
 *       concurrently (and from the stream callback).
 * </ul>
 */
public interface Aravis
    extends Library,
        ArvSystemFunctions,
        ArvCameraFunctions,
        ArvCameraFeatureFunctions,
        ArvCameraControlFunctions,
        ArvCameraGvFunctions,
        ArvChunkFunctions,
        ArvGcFunctions,
        ArvDeviceFunctions,
        ArvStreamFunctions,
        ArvBufferFunctions {
  /** Shared-object name loaded by {@link #INSTANCE}. */
  String LIBRARY = "libaravis-0.8.so.0";

  /** The loaded library; initialising it throws {@link UnsatisfiedLinkError} when absent. */
  Aravis INSTANCE = Native.load(LIBRARY, Aravis.class);
}
