package io.camerabridge.plc.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Set;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;

/**
 * The server's key material and trust rule, all under {@code plc.opcua.pkiDir}:
 *
 * <ul>
 *   <li>{@code own/}: the server's certificate and key, a self-signed one created when absent;
 *   <li>{@code trusted/certs/}: client certificates allowed to open a signed or encrypted channel
 *       (or {@code issuer/certs/} + {@code trusted/certs/} for a CA-issued client);
 *   <li>{@code rejected/certs/}: where an unknown client's certificate lands; moving it into {@code
 *       trusted/certs/} trusts it without a restart (the directories are watched).
 * </ul>
 *
 * There is no "trust every client" switch: on a plant network the certificate is what keeps a stray
 * laptop from reading or writing the line's values.
 */
final class ServerPki implements AutoCloseable {
  private final PemCertificateStore store;
  private final FileBasedTrustListManager trustList;
  private final CertificateManager certificateManager;
  private final X509Certificate certificate;

  private ServerPki(
      PemCertificateStore store,
      FileBasedTrustListManager trustList,
      CertificateManager certificateManager,
      X509Certificate certificate) {
    this.store = store;
    this.trustList = trustList;
    this.certificateManager = certificateManager;
    this.certificate = certificate;
  }

  /**
   * Opens (or creates) the PKI directory.
   *
   * @param hostnames names and addresses the certificate is created for (when it is created)
   */
  static ServerPki open(Path pkiDir, String applicationUri, Set<String> hostnames)
      throws Exception {
    Files.createDirectories(
        pkiDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    PemCertificateStore store = new PemCertificateStore(pkiDir);
    FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(pkiDir);
    try {
      var quarantine = FileBasedCertificateQuarantine.create(pkiDir.resolve("rejected/certs"));
      var group =
          DefaultApplicationGroup.createAndInitialize(
              trustList,
              store,
              new SelfSigned(applicationUri, hostnames),
              new DefaultServerCertificateValidator(trustList, quarantine));
      // Read back through the store itself: the group turns a broken file into "no certificate".
      X509Certificate certificate =
          store.get(NodeIds.RsaSha256ApplicationCertificateType).certificateChain[0];
      return new ServerPki(
          store, trustList, new DefaultCertificateManager(quarantine, group), certificate);
    } catch (Exception | Error e) {
      trustList.close();
      throw e;
    }
  }

  CertificateManager certificateManager() {
    return certificateManager;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The URI in the certificate, which must be the server's application URI. */
  String applicationUri() {
    return CertificateUtil.getSanUri(certificate)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    store.certificateFile() + " has no application URI in its subject alt name"));
  }

  @Override
  public void close() throws IOException {
    trustList.close();
  }

  /** A self-signed RSA-2048 certificate, valid for 10 years, for this host's names. */
  private static final class SelfSigned extends RsaSha256CertificateFactory {
    private final String applicationUri;
    private final Set<String> hostnames;

    SelfSigned(String applicationUri, Set<String> hostnames) {
      this.applicationUri = applicationUri;
      this.hostnames = hostnames;
    }

    @Override
    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
      var builder =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("camera-bridge")
              .setOrganization("camera-bridge")
              .setApplicationUri(applicationUri)
              .setValidityPeriod(Period.ofYears(10));
      for (String name : hostnames) {
        if (name.matches("[0-9.]+|.*:.*")) {
          builder.addIpAddress(name);
        } else {
          builder.addDnsName(name);
        }
      }
      return new X509Certificate[] {builder.build()};
    }
  }
}
