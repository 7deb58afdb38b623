package io.camerabridge.bindings.aravis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camerabridge.bindings.aravis.fake.FakeGvCameraProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two real GigE cameras with one serial number (issue #20 item 10). Aravis's own device list keys
 * devices by id and MAC, so it lists only one of them and would open whichever answers; the binding
 * must refuse both the serial and the device id, naming both devices, and still open either by its
 * address.
 */
class TwinCamerasTest {

  @Test
  void aSerialOrDeviceIdThatTwoCamerasShareIsRefusedNamingBothAndAnAddressStillOpens()
      throws Exception {
    String serial = "TW" + (System.nanoTime() / 1000 % 1_000_000);
    try (FakeGvCameraProcess first = FakeGvCameraProcess.builder().serial(serial).start();
        FakeGvCameraProcess second = FakeGvCameraProcess.builder().serial(serial).start()) {
      String a = first.address().getHostAddress();
      String b = second.address().getHostAddress();
      assertThat(Devices.list()).filteredOn(d -> d.serial().equals(serial)).hasSize(1);
      assertThat(GvcpScan.scan(Duration.ofMillis(300)))
          .filteredOn(r -> r.serial().equals(serial))
          .extracting(GvcpScan.Reply::address)
          .containsExactlyInAnyOrder(a, b);

      for (String selector : new String[] {serial, first.deviceId()}) {
        assertThatThrownBy(() -> Camera.open(selector).close())
            .isInstanceOf(AmbiguousCameraException.class)
            .hasMessageContaining("'" + selector + "' is ambiguous")
            .hasMessageContaining(a)
            .hasMessageContaining(b);
      }
      try (Camera byAddress = Camera.open(b)) {
        assertThat(byAddress.serial()).isEqualTo(serial);
      }
    }
  }
}
