package io.camerabridge.plc.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camerabridge.config.OpcUaConfig;
import io.camerabridge.config.OpcUaSecurity;
import io.camerabridge.config.Secret;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcServerException;
import io.camerabridge.plc.TestPlcCamera;
import io.camerabridge.plc.opcua.PlcOpcUaClient.ClientCertificate;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates, sign-and-encrypt, user logins and bind errors, against Milo's client. */
class OpcUaSecurityTest {
  @TempDir Path pki;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestPlcCamera top = new TestPlcCamera("top");
  private OpcUaPlcServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    top.close();
  }

  private void start(OpcUaSecurity security, Map<String, Secret> users) {
    server = new OpcUaPlcServer(new OpcUaConfig("127.0.0.1:0", security, users, pki), registry);
    server.start(List.<PlcCamera>of(top));
  }

  @Test
  void signAndEncryptWithATrustedClientCertificateAndAUser() throws Exception {
    start(OpcUaSecurity.SIGN_AND_ENCRYPT, Map.of("line3", Secret.of("s3cret-pass")));
    ClientCertificate certificate = ClientCertificate.generate();
    certificate.trustIn(pki);
    top.outcome(9, Outcome.OK, 0, Instant.parse("2026-12-02T10:00:00Z"));

    try (PlcOpcUaClient plc =
        PlcOpcUaClient.connect(
            server.port(),
            pki,
            OpcUaSecurity.SIGN_AND_ENCRYPT,
            certificate,
            new UsernameProvider("line3", "s3cret-pass"))) {
      await().until(() -> Boolean.TRUE.equals(plc.read("top", "ResultValid").value().value()));
      assertThat(plc.write("top", "PartId", Variant.ofString("A-1")).isGood()).isTrue();
      assertThat(plc.write("top", "Ack", Variant.ofBoolean(true)).isGood()).isTrue();
    }
    assertThat(top.partIds()).containsExactly("A-1");
    assertThat(top.acks()).isEqualTo(1);
    assertThat(
            registry.get("camerabridge.opcua.logins").tags("result", "accepted").counter().count())
        .isEqualTo(1);
  }

  @Test
  void wrongPasswordUnknownUserAndAnonymousAreRefused() throws Exception {
    start(OpcUaSecurity.SIGN_AND_ENCRYPT, Map.of("line3", Secret.of("s3cret-pass")));
    ClientCertificate certificate = ClientCertificate.generate();
    certificate.trustIn(pki);

    for (var identity :
        List.of(
            new UsernameProvider("line3", "wrong"),
            new UsernameProvider("nobody", "s3cret-pass"),
            new AnonymousProvider())) {
      assertThatThrownBy(
              () ->
                  PlcOpcUaClient.connect(
                      server.port(), pki, OpcUaSecurity.SIGN_AND_ENCRYPT, certificate, identity))
          .hasMessageNotContaining("s3cret-pass");
    }
    assertThat(
            registry.get("camerabridge.opcua.logins").tags("result", "refused").counter().count())
        .isEqualTo(2);
    assertThat(top.acks()).isZero();
  }

  @Test
  void anUntrustedClientCertificateIsRefusedAndQuarantinedForTheOperator() throws Exception {
    start(OpcUaSecurity.SIGN, Map.of());
    ClientCertificate stranger = ClientCertificate.generate();

    assertThatThrownBy(
        () ->
            PlcOpcUaClient.connect(
                server.port(), pki, OpcUaSecurity.SIGN, stranger, new AnonymousProvider()));
    await().until(() -> listing(pki.resolve("rejected/certs")).length == 1);

    // The operator's step: move the rejected certificate into trusted/certs (no restart).
    Path rejected =
        pki.resolve("rejected/certs").resolve(listing(pki.resolve("rejected/certs"))[0]);
    Files.move(rejected, pki.resolve("trusted/certs").resolve(rejected.getFileName()));
    await()
        .ignoreExceptions()
        .until(
            () -> {
              try (PlcOpcUaClient plc =
                  PlcOpcUaClient.connect(
                      server.port(), pki, OpcUaSecurity.SIGN, stranger, new AnonymousProvider())) {
                return plc.read("top", "State").statusCode().isGood();
              }
            });
  }

  @Test
  void securityNoneOffersNoSessionOnASecuredServer() throws Exception {
    start(OpcUaSecurity.SIGN_AND_ENCRYPT, Map.of());
    assertThatThrownBy(() -> PlcOpcUaClient.anonymous(server.port()));
  }

  @Test
  void theKeyIsPrivateAndTheCertificateSurvivesARestart() throws Exception {
    start(OpcUaSecurity.NONE, Map.of());
    Path key = pki.resolve("own/private/camera-bridge.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    var first = PlcOpcUaClient.serverCertificate(pki);
    server.close();

    start(OpcUaSecurity.NONE, Map.of());
    assertThat(PlcOpcUaClient.serverCertificate(pki)).isEqualTo(first);
    try (PlcOpcUaClient plc = PlcOpcUaClient.anonymous(server.port())) {
      assertThat(plc.read("top", "State").value().value()).isEqualTo("starting");
    }
  }

  @Test
  void aPortInUseIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      var busy =
          new OpcUaPlcServer(
              new OpcUaConfig(
                  "127.0.0.1:" + taken.getLocalPort(), OpcUaSecurity.NONE, Map.of(), pki),
              registry);
      assertThatThrownBy(() -> busy.start(List.<PlcCamera>of(top)))
          .isInstanceOf(PlcServerException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("in use");
      busy.close();
    }
  }

  private static String[] listing(Path dir) {
    String[] names = dir.toFile().list();
    return names == null ? new String[0] : names;
  }
}
