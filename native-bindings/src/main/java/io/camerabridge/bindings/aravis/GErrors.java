package io.camerabridge.bindings.aravis;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.camerabridge.bindings.raw.GError;
import io.camerabridge.bindings.raw.GLib;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one native call with a fresh {@code GError **} and turns a set error into an {@link
 * AravisException}, freeing the GError. A fresh holder per call matters: Aravis skips work when
 * handed an error that is already set.
 */
final class GErrors {
  private GErrors() {}

  static <T> T call(Supplier<String> operation, Function<PointerByReference, T> call) {
    PointerByReference error = new PointerByReference();
    T result = call.apply(error);
    check(operation, error);
    return result;
  }

  static void run(Supplier<String> operation, Consumer<PointerByReference> call) {
    PointerByReference error = new PointerByReference();
    call.accept(error);
    check(operation, error);
  }

  private static void check(Supplier<String> operation, PointerByReference error) {
    Pointer address = error.getValue();
    if (address == null) {
      return;
    }
    GLib glib = AravisLibrary.glib();
    GError e = new GError(address);
    String domain = glib.g_quark_to_string(e.domain);
    String message = e.messageText();
    int code = e.code;
    glib.g_error_free(address);
    throw new AravisException(operation.get(), domain, code, message);
  }
}
