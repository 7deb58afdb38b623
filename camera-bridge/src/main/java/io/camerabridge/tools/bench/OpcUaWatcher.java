package io.camerabridge.tools.bench;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * {@code bench plc}: an OPC UA client subscribed to camera {@code bench}'s Sequence and ResultValid
 * (sampling interval 0, the publishing interval asked for, newest value only). A message with
 * ResultValid true is the sighting of the newest Sequence pushed so far. With the newest value
 * only, outcomes that come faster than the publishing interval are not all seen: this client gives
 * latencies, not counts. It never acknowledges (the Modbus loop does), like a passive second PLC.
 */
final class OpcUaWatcher implements AutoCloseable {
  private static final String NAMESPACE = "urn:camera-bridge";

  private final OpcUaClient client;
  private final PlcSightings sightings;
  private long sequence;
  private long reported;
  private volatile double publishingMillis = Double.NaN;

  private OpcUaWatcher(OpcUaClient client, PlcSightings sightings) {
    this.client = client;
    this.sightings = sightings;
  }

  static OpcUaWatcher start(
      int port, String camera, double publishingMillis, PlcSightings sightings) throws UaException {
    OpcUaClient client =
        OpcUaClient.create(
            "opc.tcp://127.0.0.1:" + port + "/camera-bridge",
            endpoints ->
                endpoints.stream()
                    .filter(e -> e.getSecurityPolicyUri().endsWith("#None"))
                    .findFirst()
                    .map(e -> EndpointUtil.updateUrl(e, "127.0.0.1", port)),
            transport -> {},
            config ->
                config
                    .setApplicationName(LocalizedText.english("camera-bridge bench PLC"))
                    .setApplicationUri("urn:camera-bridge:bench-plc")
                    .setIdentityProvider(new AnonymousProvider())
                    .setRequestTimeout(uint(10_000)));
    client.connect();
    OpcUaWatcher watcher = new OpcUaWatcher(client, sightings);
    try {
      watcher.subscribe(camera, publishingMillis);
    } catch (UaException | RuntimeException e) {
      client.disconnect();
      throw e;
    }
    return watcher;
  }

  private void subscribe(String camera, double publishing) throws UaException {
    int ns = client.readNamespaceTable().getIndex(NAMESPACE).intValue();
    var subscription = new OpcUaSubscription(client, publishing);
    subscription.setSubscriptionListener(
        new OpcUaSubscription.SubscriptionListener() {
          @Override
          public void onDataReceived(
              OpcUaSubscription s, List<OpcUaMonitoredItem> items, List<DataValue> values) {
            long now = PlcSightings.wallNanos();
            // Sequence first: one message may carry both, and ResultValid belongs to the newest.
            for (String variable : List.of("Sequence", "ResultValid")) {
              for (int i = 0; i < items.size(); i++) {
                String id = (String) items.get(i).getReadValueId().getNodeId().getIdentifier();
                if (id.endsWith("/" + variable)) {
                  pushed(variable, values.get(i).getValue().getValue(), now);
                }
              }
            }
          }
        });
    subscription.create();
    for (String variable : List.of("Sequence", "ResultValid")) {
      OpcUaMonitoredItem item =
          OpcUaMonitoredItem.newDataItem(new NodeId(ns, "Cameras/" + camera + "/" + variable));
      item.setSamplingInterval(0.0);
      item.setQueueSize(uint(1));
      subscription.addMonitoredItem(item);
    }
    subscription.synchronizeMonitoredItems();
    publishingMillis = subscription.getRevisedPublishingInterval().orElse(Double.NaN);
  }

  /** The publishing interval the server granted (the client asked for its fastest). */
  double publishingMillis() {
    return publishingMillis;
  }

  /** Called on the client's thread, one notification at a time. */
  private void pushed(String variable, Object value, long wallNanos) {
    if (variable.equals("Sequence") && value instanceof ULong s) {
      sequence = s.longValue();
    } else if (variable.equals("ResultValid")
        && Boolean.TRUE.equals(value)
        && sequence != reported) {
      reported = sequence;
      sightings.seen(sequence, wallNanos);
    }
  }

  @Override
  public void close() {
    try {
      client.disconnect();
    } catch (UaException e) {
      // The server may be gone already.
    }
  }
}
