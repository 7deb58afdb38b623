package io.camerabridge.plc.opcua;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The server's own RSA-SHA256 certificate and key as two PEM files, readable by openssl and by
 * whoever has to hand the certificate to a PLC: {@code own/certs/camera-bridge.pem} and {@code
 * own/private/camera-bridge.key} (mode 0600 from the moment it exists, in a 0700 directory).
 */
final class PemCertificateStore implements CertificateStore {
  private static final NodeId TYPE = NodeIds.RsaSha256ApplicationCertificateType;

  private final Path certificateFile;
  private final Path keyFile;

  PemCertificateStore(Path pkiDir) {
    this.certificateFile = pkiDir.resolve("own/certs/camera-bridge.pem");
    this.keyFile = pkiDir.resolve("own/private/camera-bridge.key");
  }

  Path certificateFile() {
    return certificateFile;
  }

  Path keyFile() {
    return keyFile;
  }

  @Override
  public boolean contains(NodeId certificateTypeId) {
    return TYPE.equals(certificateTypeId)
        && Files.isRegularFile(certificateFile)
        && Files.isRegularFile(keyFile);
  }

  @Override
  public Entry get(NodeId certificateTypeId) throws IOException {
    if (!contains(certificateTypeId)) {
      return null;
    }
    return new Entry(readKey(), readChain());
  }

  @Override
  public Entry remove(NodeId certificateTypeId) throws IOException {
    Entry entry = get(certificateTypeId);
    if (entry != null) {
      Files.delete(keyFile);
      Files.delete(certificateFile);
    }
    return entry;
  }

  @Override
  public void set(NodeId certificateTypeId, Entry entry) throws IOException {
    if (!TYPE.equals(certificateTypeId)) {
      throw new IllegalArgumentException("only RSA-SHA256 application certificates are kept");
    }
    StringWriter chain = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(chain)) {
      for (X509Certificate certificate : entry.certificateChain) {
        pem.writeObject(certificate);
      }
    }
    StringWriter key = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(key)) {
      pem.writeObject(new JcaPKCS8Generator(entry.privateKey, null));
    }
    writePrivate(keyFile, key.toString());
    writeReplacing(certificateFile, chain.toString(), "rw-r--r--");
  }

  private PrivateKey readKey() throws IOException {
    try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IOException(keyFile + " holds no unencrypted private key");
    }
  }

  private X509Certificate[] readChain() throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(certificateFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(certificateFile + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException(certificateFile + " holds no certificate");
    }
    return chain.toArray(X509Certificate[]::new);
  }

  /** Creates the key file with mode 0600 before a byte is written, so it is never readable. */
  private static void writePrivate(Path file, String text) throws IOException {
    Files.createDirectories(
        file.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    writeReplacing(file, text, "rw-------");
  }

  private static void writeReplacing(Path file, String text, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp =
        Files.createTempFile(
            file.getParent(),
            ".new-",
            ".pem",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII)) {
      writer.write(text);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
