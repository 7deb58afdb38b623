package io.camerabridge.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's broker never mistakes another process on its port for Mosquitto (issue #14 item 5,
 * the probe-and-rebind race): the first port it is given is held by a listening socket, as when
 * another process takes a probed port first. Mosquitto exits on it; the broker must say it runs on
 * the next port, where Mosquitto itself runs. Real Mosquitto.
 */
class BenchBrokerTest {

  @Test
  void aPortTakenBeforeMosquittoBindsItIsSkippedNotMistakenForTheBroker() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int free = probe.getLocalPort();
      probe.close();
      Deque<Integer> ports = new ArrayDeque<>(List.of(taken.getLocalPort(), free));
      try (BenchBroker broker = BenchBroker.start(ports::pop)) {
        assertThat(ports).as("ports left untried").isEmpty();
        assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + free);
      }
    }
  }
}
