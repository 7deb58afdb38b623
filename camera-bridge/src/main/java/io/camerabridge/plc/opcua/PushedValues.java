package io.camerabridge.plc.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeObserver;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Subscriptions to a camera variable's value are pushed: every value set on the node goes straight
 * into the monitored item's queue, so a client sees each change at the next publishing interval
 * with no sampling delay and nothing polls the camera. Anything else (a browse name, a node of
 * another kind) is left to Milo's sampling {@link SubscriptionModel}.
 */
final class PushedValues {
  private final SubscriptionModel sampled;
  private final Function<NodeId, UaNode> nodes;
  private final Map<DataItem, Registration> pushed = new ConcurrentHashMap<>();

  PushedValues(SubscriptionModel sampled, Function<NodeId, UaNode> nodes) {
    this.sampled = sampled;
    this.nodes = nodes;
  }

  void created(List<DataItem> items) {
    List<DataItem> others = new ArrayList<>();
    for (DataItem item : items) {
      UaNode node = nodes.apply(item.getReadValueId().getNodeId());
      if (node instanceof UaVariableNode variable && isValue(item)) {
        Registration registration = new Registration(item, variable);
        pushed.put(item, registration);
        registration.start();
      } else {
        others.add(item);
      }
    }
    if (!others.isEmpty()) {
      sampled.onDataItemsCreated(others);
    }
  }

  void modified(List<DataItem> items) {
    List<DataItem> others = items.stream().filter(i -> !pushed.containsKey(i)).toList();
    if (!others.isEmpty()) {
      sampled.onDataItemsModified(others);
    }
  }

  void deleted(List<DataItem> items) {
    List<DataItem> others = new ArrayList<>();
    for (DataItem item : items) {
      Registration registration = pushed.remove(item);
      if (registration != null) {
        registration.stop();
      } else {
        others.add(item);
      }
    }
    if (!others.isEmpty()) {
      sampled.onDataItemsDeleted(others);
    }
  }

  void monitoringModeChanged(List<MonitoredItem> items) {
    List<MonitoredItem> others = new ArrayList<>();
    for (MonitoredItem item : items) {
      Registration registration = pushed.get(item);
      if (registration != null) {
        registration.resend();
      } else {
        others.add(item);
      }
    }
    if (!others.isEmpty()) {
      sampled.onMonitoringModeChanged(others);
    }
  }

  private static boolean isValue(DataItem item) {
    return AttributeId.Value.uid().equals(item.getReadValueId().getAttributeId());
  }

  /** One monitored item following one node's value. */
  private static final class Registration implements AttributeObserver {
    private final DataItem item;
    private final UaVariableNode node;

    Registration(DataItem item, UaVariableNode node) {
      this.item = item;
      this.node = node;
    }

    /**
     * Under the node's lock, which Milo also holds while it tells observers of a new value: the
     * current value goes first and no newer one can overtake it.
     */
    void start() {
      synchronized (node) {
        node.addAttributeObserver(this);
        resend();
      }
    }

    void stop() {
      node.removeAttributeObserver(this);
    }

    void resend() {
      synchronized (node) {
        if (item.isSamplingEnabled()) {
          item.setValue(DataValue.derivedValue(node.getValue(), item.getTimestampsToReturn()));
        }
      }
    }

    @Override
    public void attributeChanged(UaNode changed, AttributeId attributeId, Object value) {
      if (attributeId == AttributeId.Value && item.isSamplingEnabled()) {
        item.setValue(DataValue.derivedValue((DataValue) value, item.getTimestampsToReturn()));
      }
    }
  }
}
