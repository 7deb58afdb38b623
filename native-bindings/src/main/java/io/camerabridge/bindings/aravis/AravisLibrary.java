package io.camerabridge.bindings.aravis;

import io.camerabridge.bindings.raw.Aravis;
import io.camerabridge.bindings.raw.GLib;
import io.camerabridge.bindings.raw.GObject;

/**
 * Whether Aravis 0.8 and GLib/GObject can be loaded in this process, checked once.
 *
 * <p>Every entry point of the safe layer calls {@link #ensureAvailable()}, so a host without {@code
 * libaravis-0.8-0} fails with one sentence naming the package instead of a linkage error.
 */
public final class AravisLibrary {
  /** Debian package that provides {@code libaravis-0.8.so.0}. */
  public static final String DEBIAN_PACKAGE = "libaravis-0.8-0";

  private AravisLibrary() {}

  /** Whether the libraries loaded. */
  public static boolean isAvailable() {
    return Holder.CAUSE == null;
  }

  /** Why the libraries did not load, or {@code null} when they did. */
  public static Throwable unavailabilityCause() {
    return Holder.CAUSE;
  }

  /** Throws {@link IllegalStateException} with an installation hint when Aravis cannot be used. */
  public static void ensureAvailable() {
    if (Holder.CAUSE != null) {
      throw new IllegalStateException(unavailableMessage(Holder.CAUSE), Holder.CAUSE);
    }
  }

  static String unavailableMessage(Throwable cause) {
    return "Aravis 0.8 ("
        + Aravis.LIBRARY
        + ") cannot be loaded ("
        + cause.getMessage()
        + "); install the Debian package "
        + DEBIAN_PACKAGE
        + " (apt-get install "
        + DEBIAN_PACKAGE
        + ")";
  }

  /** Version of the loaded library, for example {@code 0.8.26}. */
  public static String version() {
    ensureAvailable();
    Aravis arv = Aravis.INSTANCE;
    return arv.arv_get_major_version()
        + "."
        + arv.arv_get_minor_version()
        + "."
        + arv.arv_get_micro_version();
  }

  static Aravis aravis() {
    ensureAvailable();
    return Aravis.INSTANCE;
  }

  static GObject gobject() {
    ensureAvailable();
    return GObject.INSTANCE;
  }

  static GLib glib() {
    ensureAvailable();
    return GLib.INSTANCE;
  }

  /** Loads lazily, once, on first use. */
  private static final class Holder {
    static final Throwable CAUSE = load();

    private static Throwable load() {
      try {
        // Touching INSTANCE runs Native.load; GLib and GObject first since Aravis needs them.
        GLib.INSTANCE.hashCode();
        GObject.INSTANCE.hashCode();
        Aravis.INSTANCE.arv_get_major_version();
        return null;
      } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
        return e;
      }
    }
  }
}
