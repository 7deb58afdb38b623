package io.camerabridge.plc.opcua;

import io.camerabridge.plc.PlcCamera;
import java.util.List;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;

/**
 * The {@value #URI} namespace: {@code Objects/Cameras/} with one {@link CameraFolder} per camera.
 * Node ids are strings that spell the path, e.g. {@code ns=2;s=Cameras/top/ResultValid}.
 */
final class CameraNamespace extends ManagedNamespaceWithLifecycle {
  static final String URI = "urn:camera-bridge";

  private final PushedValues values;

  CameraNamespace(OpcUaServer server, List<PlcCamera> cameras, OpcUaMeters meters) {
    super(server, URI);
    SubscriptionModel sampled = new SubscriptionModel(server, this);
    getLifecycleManager().addLifecycle(sampled);
    values = new PushedValues(sampled, id -> getNodeManager().get(id));
    getLifecycleManager().addStartupTask(() -> addCameras(cameras, meters));
  }

  private void addCameras(List<PlcCamera> cameras, OpcUaMeters meters) {
    UaFolderNode root =
        new UaFolderNode(
            getNodeContext(),
            newNodeId("Cameras"),
            newQualifiedName("Cameras"),
            LocalizedText.english("Cameras"));
    getNodeManager().addNode(root);
    root.addReference(
        new org.eclipse.milo.opcua.sdk.core.Reference(
            root.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    CameraFolder.Ids ids =
        new CameraFolder.Ids() {
          @Override
          public NodeId node(String path) {
            return newNodeId(path);
          }

          @Override
          public QualifiedName name(String name) {
            return newQualifiedName(name);
          }
        };
    for (PlcCamera camera : cameras) {
      CameraFolder.create(getNodeContext(), ids, root, camera, meters);
    }
  }

  @Override
  public void onDataItemsCreated(List<DataItem> items) {
    values.created(items);
  }

  @Override
  public void onDataItemsModified(List<DataItem> items) {
    values.modified(items);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> items) {
    values.deleted(items);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> items) {
    values.monitoringModeChanged(items);
  }
}
