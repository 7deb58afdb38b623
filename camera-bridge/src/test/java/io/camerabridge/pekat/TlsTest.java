package io.camerabridge.pekat;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.testing.HttpAnswers;
import io.camerabridge.testing.HttpPeer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https against a TLS server whose certificate comes from a private CA file. */
class TlsTest extends ClientTestBase {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path tlsDir;
  static Tls tls;

  @BeforeAll
  static void makeCertificate() throws Exception {
    tls = Tls.selfSigned(tlsDir);
  }

  @Test
  void talksHttpsTrustingTheConfiguredCaFile() throws Exception {
    HttpPeer server = closeLater(HttpPeer.startTls(HttpAnswers.json(OK_CONTEXT), tls.server()));
    PekatClient client = client(PekatEndpoint.builder(server.uri()).caFile(tls.caPem()).build());
    TestFrame frame = TestFrame.create(leases, 320, 240, RawLayout.BGR8);

    AnalysisOutcome outcome = outcomeOf(client.analyze(frame.frame, null));

    assertThat(outcome.name()).isEqualTo("ok");
    assertThat(TestFrame.sha256(server.nextRequest().body())).isEqualTo(frame.sha256);
  }

  @Test
  void untrustedCertificateIsAConnectFailure() throws Exception {
    HttpPeer server = closeLater(HttpPeer.startTls(HttpAnswers.json(OK_CONTEXT), tls.server()));
    PekatClient client = client(server.uri());

    AnalysisOutcome outcome = outcomeOf(client.analyze(TestFrame.small(leases).frame, null));

    assertThat(outcome).isInstanceOf(AnalysisOutcome.ConnectFailed.class);
    assertThat(((AnalysisOutcome.ConnectFailed) outcome).reason())
        .contains("TLS handshake")
        .contains("caFile");
  }

  /** A self-signed certificate for the loopback address, made with the JDK's keytool. */
  record Tls(Path keystore, Path caPem) {
    static Tls selfSigned(Path dir) throws IOException, InterruptedException {
      Path keystore = dir.resolve("server.p12");
      Path pem = dir.resolve("ca.pem");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      String loopback = java.net.InetAddress.getLoopbackAddress().getHostAddress();
      run(
          List.of(
              keytool,
              "-genkeypair",
              "-alias",
              "pekat",
              "-keyalg",
              "EC",
              "-groupname",
              "secp256r1",
              "-dname",
              "CN=pekat-test",
              "-ext",
              "SAN=ip:" + loopback + ",dns:localhost",
              "-validity",
              "2",
              "-storetype",
              "PKCS12",
              "-keystore",
              keystore.toString(),
              "-storepass",
              new String(PASSWORD)));
      run(
          List.of(
              keytool,
              "-exportcert",
              "-rfc",
              "-alias",
              "pekat",
              "-keystore",
              keystore.toString(),
              "-storepass",
              new String(PASSWORD),
              "-file",
              pem.toString()));
      assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
      return new Tls(keystore, pem);
    }

    SSLContext server() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = new FileInputStream(keystore.toFile())) {
        store.load(in, PASSWORD);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    }
  }
}
