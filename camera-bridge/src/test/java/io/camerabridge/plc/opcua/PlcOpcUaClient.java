package io.camerabridge.plc.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.camerabridge.config.OpcUaSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * A PLC as the tests see it: Eclipse Milo's own client over TCP to 127.0.0.1, with the security,
 * identity and client certificate a test picks. It trusts only the certificate the server keeps in
 * its pkiDir, as a PLC engineer would after copying it over.
 */
public final class PlcOpcUaClient implements AutoCloseable {
  /** The namespace index of {@code urn:camera-bridge} on the server (read at connect). */
  private final int ns;

  private final OpcUaClient client;

  private PlcOpcUaClient(OpcUaClient client, int ns) {
    this.client = client;
    this.ns = ns;
  }

  /** A client certificate for {@code urn:camera-bridge:test-plc}, made fresh. */
  public record ClientCertificate(KeyPair keyPair, X509Certificate certificate) {
    public static ClientCertificate generate() throws Exception {
      KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      X509Certificate certificate =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("test-plc")
              .setApplicationUri(APPLICATION_URI)
              .addDnsName("localhost")
              .build();
      return new ClientCertificate(keyPair, certificate);
    }

    /** Puts this certificate into the server's trust list ({@code trusted/certs/}). */
    public void trustIn(Path pkiDir) throws Exception {
      Path dir = pkiDir.resolve("trusted/certs");
      Files.createDirectories(dir);
      Files.write(dir.resolve("test-plc.der"), certificate.getEncoded());
    }
  }

  static final String APPLICATION_URI = "urn:camera-bridge:test-plc";

  public static PlcOpcUaClient anonymous(int port) throws Exception {
    return connect(port, null, OpcUaSecurity.NONE, null, new AnonymousProvider());
  }

  public static PlcOpcUaClient user(int port, Path pkiDir, String user, String password)
      throws Exception {
    return connect(port, pkiDir, OpcUaSecurity.NONE, null, new UsernameProvider(user, password));
  }

  /**
   * Connects with the given security.
   *
   * @param pkiDir the server's pkiDir, to trust its certificate (null: trust nothing)
   * @param certificate the client's own certificate (needed for sign and sign-and-encrypt)
   */
  public static PlcOpcUaClient connect(
      int port,
      Path pkiDir,
      OpcUaSecurity security,
      ClientCertificate certificate,
      IdentityProvider identity)
      throws Exception {
    var trust = new MemoryTrustListManager();
    if (pkiDir != null) {
      trust.addTrustedCertificate(serverCertificate(pkiDir));
    }
    OpcUaClient client =
        OpcUaClient.create(
            "opc.tcp://127.0.0.1:" + port + Endpoints.PATH,
            endpoints ->
                endpoints.stream()
                    .filter(
                        e -> e.getSecurityPolicyUri().equals(Endpoints.policy(security).getUri()))
                    .filter(e -> e.getSecurityMode() == Endpoints.mode(security))
                    .findFirst()
                    .map(e -> EndpointUtil.updateUrl(e, "127.0.0.1", port)),
            transport -> {},
            config -> {
              config
                  .setApplicationName(LocalizedText.english("test PLC"))
                  .setApplicationUri(APPLICATION_URI)
                  .setCertificateValidator(
                      new DefaultClientCertificateValidator(
                          trust, new MemoryCertificateQuarantine()))
                  .setIdentityProvider(identity)
                  .setRequestTimeout(uint(10_000));
              if (certificate != null) {
                config
                    .setKeyPair(certificate.keyPair())
                    .setCertificate(certificate.certificate())
                    .setCertificateChain(new X509Certificate[] {certificate.certificate()});
              }
            });
    try {
      client.connect();
      int ns = client.readNamespaceTable().getIndex(CameraNamespace.URI).intValue();
      return new PlcOpcUaClient(client, ns);
    } catch (UaException | RuntimeException e) {
      client.disconnect();
      throw e;
    }
  }

  static X509Certificate serverCertificate(Path pkiDir) throws Exception {
    try (InputStream in = Files.newInputStream(pkiDir.resolve("own/certs/camera-bridge.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new IllegalStateException("no server certificate in " + pkiDir, e);
    }
  }

  public OpcUaClient milo() {
    return client;
  }

  public NodeId node(String path) {
    return new NodeId(ns, path);
  }

  public NodeId node(String camera, String variable) {
    return node("Cameras/" + camera + "/" + variable);
  }

  public DataValue read(String camera, String variable) throws UaException {
    return client.readValue(0.0, TimestampsToReturn.Both, node(camera, variable));
  }

  public StatusCode write(String camera, String variable, Variant value) throws UaException {
    return client
        .writeValues(List.of(node(camera, variable)), List.of(DataValue.valueOnly(value)))
        .get(0);
  }

  public CallMethodResult trigger(String camera) throws UaException {
    return client.call(
            List.of(
                new CallMethodRequest(
                    node("Cameras/" + camera), node(camera, "Trigger"), new Variant[0])))
        .getResults()[0];
  }

  /**
   * Subscribes to these variables of one camera at the smallest publishing interval and sampling
   * interval 0; {@code listener} gets each notification's (variable, value) pairs in the order the
   * server sent them, one call per notification message.
   */
  public OpcUaSubscription subscribe(
      String camera,
      List<String> variables,
      double publishingIntervalMillis,
      BiConsumer<List<String>, List<DataValue>> listener)
      throws UaException {
    var subscription = new OpcUaSubscription(client, publishingIntervalMillis);
    subscription.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onDataReceived(
              OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
            List<String> names = new ArrayList<>();
            for (OpcUaMonitoredItem item : items) {
              String id = (String) item.getReadValueId().getNodeId().getIdentifier();
              names.add(id.substring(id.lastIndexOf('/') + 1));
            }
            listener.accept(names, values);
          }
        });
    subscription.create();
    for (String variable : variables) {
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node(camera, variable));
      item.setSamplingInterval(0.0);
      item.setQueueSize(uint(1));
      subscription.addMonitoredItem(item);
    }
    subscription.synchronizeMonitoredItems();
    return subscription;
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
