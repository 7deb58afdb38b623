package io.camerabridge.bindings.aravis.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FakeGvCameraProcessTest {

  @Test
  void twoCamerasGetTheirOwnAddressAndAnswerDiscovery() throws Exception {
    Set<String> before = loopbackAddresses();
    InetAddress first;
    InetAddress second;
    try (FakeGvCameraProcess a = FakeGvCameraProcess.start();
        FakeGvCameraProcess b = FakeGvCameraProcess.builder().serial("CBTEST2").start()) {
      first = a.address();
      second = b.address();
      assertThat(first).isNotEqualTo(second);
      assertThat(loopbackAddresses()).contains(first.getHostAddress(), second.getHostAddress());
      assertThat(b.deviceId()).isEqualTo("Aravis-Fake-CBTEST2");
      assertThat(GvcpDiscovery.discover(a.address(), Duration.ofSeconds(1)))
          .hasValueSatisfying(
              r -> {
                assertThat(r.serial()).isEqualTo(a.serial());
                assertThat(r.manufacturer()).isEqualTo("Aravis");
                assertThat(r.model()).isEqualTo("Fake");
              });
      assertThat(GvcpDiscovery.discover(b.address(), Duration.ofSeconds(1)))
          .hasValueSatisfying(r -> assertThat(r.serial()).isEqualTo("CBTEST2"));
    }
    Set<String> after = loopbackAddresses();
    for (InetAddress used : Set.of(first, second)) {
      if (!before.contains(used.getHostAddress())) {
        assertThat(after).doesNotContain(used.getHostAddress());
      }
    }
  }

  @Test
  void killStopsTheCameraAndCloseIsIdempotent() throws Exception {
    FakeGvCameraProcess camera = FakeGvCameraProcess.start();
    camera.kill();
    assertThat(camera.isAlive()).isFalse();
    assertThat(GvcpDiscovery.discover(camera.address(), Duration.ofMillis(300))).isEmpty();
    camera.close();
    camera.close();
  }

  @Test
  void pausedCameraIsSilentUntilResumed() throws Exception {
    try (FakeGvCameraProcess camera = FakeGvCameraProcess.start()) {
      camera.pause();
      assertThat(GvcpDiscovery.discover(camera.address(), Duration.ofMillis(300))).isEmpty();
      camera.resume();
      assertThat(GvcpDiscovery.discover(camera.address(), Duration.ofSeconds(2))).isPresent();
    }
  }

  @Test
  void missingExecutableNamesThePackage() {
    assertThatThrownBy(
            () -> FakeGvCameraProcess.builder().executable("/nonexistent/arv-fake").start())
        .hasMessageContaining("aravis-tools");
  }

  @Test
  void rejectsSerialsThatWouldBreakTheDeviceId() {
    assertThatThrownBy(() -> FakeGvCameraProcess.builder().serial("a-b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a-b");
  }

  private static Set<String> loopbackAddresses() throws Exception {
    return Collections.list(NetworkInterface.getByName("lo").getInetAddresses()).stream()
        .map(InetAddress::getHostAddress)
        .collect(Collectors.toSet());
  }
}
