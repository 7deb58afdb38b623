package io.camerabridge.bindings.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every function the raw interfaces declare exists under that C name in the loaded library. */
class RawSymbolsTest {

  @Test
  void aravisFunctionsExist() {
    assertAllResolve(Aravis.class, Aravis.LIBRARY);
    assertThat(Aravis.INSTANCE.arv_get_major_version()).isZero();
    assertThat(Aravis.INSTANCE.arv_get_minor_version()).isEqualTo(8);
  }

  @Test
  void gobjectAndGlibFunctionsExist() {
    assertAllResolve(GObject.class, GObject.LIBRARY);
    assertAllResolve(GLib.class, GLib.LIBRARY);
  }

  @Test
  void structureLayoutsMatchLp64() {
    assertThat(new GValue().size()).isEqualTo(24);
    // struct GError { GQuark domain @0; gint code @4; gchar *message @8; }
    Memory text = new Memory(8);
    text.setString(0, "boom");
    Memory raw = new Memory(16);
    raw.setInt(0, 7);
    raw.setInt(4, 9);
    raw.setPointer(8, text);
    GError error = new GError(raw);
    assertThat(error.domain).isEqualTo(7);
    assertThat(error.code).isEqualTo(9);
    assertThat(error.messageText()).isEqualTo("boom");
  }

  @Test
  void fundamentalTypeConstantsMatchGlib() {
    GObject g = GObject.INSTANCE;
    assertThat(g.g_type_name(GObject.G_TYPE_INT)).isEqualTo("gint");
    assertThat(g.g_type_name(GObject.G_TYPE_UINT)).isEqualTo("guint");
    assertThat(g.g_type_name(GObject.G_TYPE_DOUBLE)).isEqualTo("gdouble");
    assertThat(g.g_type_name(GObject.G_TYPE_ENUM)).isEqualTo("GEnum");
    assertThat(g.g_type_name(GObject.G_TYPE_UINT64)).isEqualTo("guint64");
    assertThat(g.g_type_name(Aravis.INSTANCE.arv_gv_stream_get_type())).isEqualTo("ArvGvStream");
  }

  private static void assertAllResolve(Class<?> api, String library) {
    NativeLibrary lib = NativeLibrary.getInstance(library);
    List<String> missing = new ArrayList<>();
    List<Method> methods = new ArrayList<>(Arrays.asList(api.getMethods()));
    methods.removeIf(m -> Modifier.isStatic(m.getModifiers()) || m.isDefault());
    for (Method m : methods) {
      try {
        lib.getFunction(m.getName());
      } catch (UnsatisfiedLinkError e) {
        missing.add(m.getName());
      }
    }
    assertThat(methods).isNotEmpty();
    assertThat(missing).as("functions missing from %s", library).isEmpty();
  }
}
