package io.camerabridge.analyzers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.pekat.ApiKey;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import io.camerabridge.testing.ReceivedRequest;
import org.junit.jupiter.api.Test;

/** {@code /ping} and {@code /version} against a real socket: with and without the API key. */
class ProbeTest {

  @Test
  void probesCarryTheProjectsApiKeyLikeFramesDo() throws Exception {
    try (HttpPeer peer = HttpPeer.start(HttpAnswers.status(200, "OK", "4.0.3"))) {
      Probe probe =
          new Probe(PekatEndpoint.builder(peer.uri()).apiKey(ApiKey.of("s3cret &=")).build());

      assertThat(probe.ping().get()).isTrue();
      assertThat(probe.version().get()).isEqualTo("4.0.3");

      ReceivedRequest ping = peer.nextRequest();
      ReceivedRequest version = peer.nextRequest();
      assertThat(ping.path()).isEqualTo("/ping");
      assertThat(ping.query()).containsEntry("api_key", "s3cret &=");
      assertThat(version.path()).isEqualTo("/version");
      assertThat(version.query()).containsEntry("api_key", "s3cret &=");
    }
  }

  @Test
  void withoutAKeyProbesHaveNoQuery() throws Exception {
    try (HttpPeer peer = HttpPeer.start(HttpAnswers.status(200, "OK", "4.0.3"))) {
      Probe probe = new Probe(PekatEndpoint.builder(peer.uri()).build());

      assertThat(probe.ping().get()).isTrue();

      ReceivedRequest ping = peer.nextRequest();
      assertThat(ping.path()).isEqualTo("/ping");
      assertThat(ping.rawQuery()).isNullOrEmpty();
    }
  }
}
