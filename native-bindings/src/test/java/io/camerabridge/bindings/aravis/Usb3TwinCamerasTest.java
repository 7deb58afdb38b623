package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.bindings.aravis.fake.FakeU3v;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two USB3 Vision cameras with one serial number (issue #20 item 10, USB3 half): fake-u3v's devices
 * 4 and 5 are both CBTWIN (the {@code fake-u3v-in-process} execution). Aravis lists both, but its
 * {@code <vendor>-<serial>} name opens one of them silently; the binding must refuse every selector
 * two devices share, naming both, and open each by its full device id.
 */
@Tag("fake-u3v")
class Usb3TwinCamerasTest {
  private static final String SERIAL = "CBTWIN";
  private static final String FIRST_ID = FakeU3v.VENDOR + "-CB0000000004-" + SERIAL;
  private static final String SECOND_ID = FakeU3v.VENDOR + "-CB0000000005-" + SERIAL;

  @BeforeAll
  static void thisJvmUsesFakeU3v() {
    assertThat(System.getenv("FAKE_U3V_SERIALS"))
        .as("fake-u3v devices of the fake-u3v-in-process execution")
        .contains(SERIAL + "," + SERIAL);
  }

  @Test
  void aSerialOrNameTwoUsbCamerasShareIsRefusedNamingBothAndTheFullIdStillOpens() {
    assertThat(Devices.list())
        .filteredOn(d -> d.serial().equals(SERIAL))
        .extracting(DeviceInfo::id)
        .containsExactlyInAnyOrder(FIRST_ID, SECOND_ID);

    // The serial goes through the device list; the vendor-serial name Aravis opens by itself.
    for (String selector : new String[] {SERIAL, FakeU3v.VENDOR + "-" + SERIAL}) {
      assertThatThrownBy(() -> Camera.open(selector).close())
          .as("selector %s", selector)
          .isInstanceOf(AmbiguousCameraException.class)
          .hasMessageContaining("'" + selector + "' is ambiguous")
          .hasMessageContaining(FIRST_ID)
          .hasMessageContaining(SECOND_ID);
    }
    for (String id : new String[] {FIRST_ID, SECOND_ID}) {
      try (Camera camera = Camera.open(id)) {
        assertThat(camera.serial()).isEqualTo(SERIAL);
        assertThat(camera.id()).isEqualTo(id);
      }
    }
  }
}
