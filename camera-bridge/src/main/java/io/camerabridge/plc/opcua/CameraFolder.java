package io.camerabridge.plc.opcua;

import io.camerabridge.plc.PlcCamera;
import io.camerabridge.plc.PlcState;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilter;
import org.eclipse.milo.opcua.sdk.server.nodes.filters.AttributeFilterContext;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * One camera's folder {@code Objects/Cameras/<camera id>/}: its {@link CameraVariable}s and {@code
 * Trigger()}. The values follow the camera's {@link PlcState} through its listener, on the PLC
 * core's thread; only values that changed are set, and each set is pushed to the subscribed clients
 * by {@link PushedValues}. A PLC's writes reach the camera through {@link #write}, never the node's
 * stored value: what the PLC reads back is always what the bridge holds.
 */
final class CameraFolder {
  /** A part id longer than this is refused (Bad_OutOfRange): it goes into every journal record. */
  static final int MAX_PART_ID_LENGTH = 256;

  private final PlcCamera camera;
  private final OpcUaMeters meters;
  private final UaFolderNode folder;
  private final Map<CameraVariable, UaVariableNode> nodes = new EnumMap<>(CameraVariable.class);
  private final Map<CameraVariable, Variant> shown = new EnumMap<>(CameraVariable.class);

  private CameraFolder(PlcCamera camera, OpcUaMeters meters, UaFolderNode folder) {
    this.camera = camera;
    this.meters = meters;
    this.folder = folder;
  }

  /** Builds the folder under {@code parent}, adds its nodes and starts following the camera. */
  static CameraFolder create(
      UaNodeContext context, Ids ids, UaFolderNode parent, PlcCamera camera, OpcUaMeters meters) {
    String path = "Cameras/" + camera.id();
    UaFolderNode folder =
        new UaFolderNode(
            context, ids.node(path), ids.name(camera.id()), LocalizedText.english(camera.id()));
    context.getNodeManager().addNode(folder);
    parent.addOrganizes(folder);

    CameraFolder result = new CameraFolder(camera, meters, folder);
    PlcState state = camera.state();
    for (CameraVariable variable : CameraVariable.values()) {
      result.addVariable(context, ids, path, variable, state);
    }
    result.addTrigger(context, ids, path);
    camera.addListener(result::show);
    return result;
  }

  NodeId nodeId() {
    return folder.getNodeId();
  }

  private void addVariable(
      UaNodeContext context, Ids ids, String path, CameraVariable variable, PlcState state) {
    AccessLevel[] access =
        variable.writable()
            ? new AccessLevel[] {AccessLevel.CurrentRead, AccessLevel.CurrentWrite}
            : new AccessLevel[] {AccessLevel.CurrentRead};
    // Users are not told apart: the user access level grants everything and the access level
    // decides, so a write to a read-only variable is Bad_NotWritable (Milo answers a missing
    // user write bit with Bad_UserAccessDenied, which would send a PLC engineer to the logins).
    AccessLevel[] userAccess = {AccessLevel.CurrentRead, AccessLevel.CurrentWrite};
    Variant value = variable.valueOf(state);
    UaVariableNode node =
        new UaVariableNode.UaVariableNodeBuilder(context)
            .setNodeId(ids.node(path + "/" + variable.browseName()))
            .setBrowseName(ids.name(variable.browseName()))
            .setDisplayName(LocalizedText.english(variable.browseName()))
            .setDataType(variable.dataType())
            .setTypeDefinition(NodeIds.BaseDataVariableType)
            .setAccessLevel(access)
            .setUserAccessLevel(userAccess)
            .setMinimumSamplingInterval(0.0)
            .build();
    node.setValue(stamped(value));
    if (variable.writable()) {
      node.getFilterChain().addLast(new PlcWrites(variable));
    }
    context.getNodeManager().addNode(node);
    folder.addOrganizes(node);
    nodes.put(variable, node);
    shown.put(variable, value);
  }

  private void addTrigger(UaNodeContext context, Ids ids, String path) {
    UaMethodNode method =
        UaMethodNode.builder(context)
            .setNodeId(ids.node(path + "/Trigger"))
            .setBrowseName(ids.name("Trigger"))
            .setDisplayName(LocalizedText.english("Trigger"))
            .setDescription(
                LocalizedText.english("Acquire one frame (cameras with trigger.mode: plc)."))
            .build();
    TriggerMethod handler = new TriggerMethod(method, camera, meters);
    method.setInputArguments(handler.getInputArguments());
    method.setOutputArguments(handler.getOutputArguments());
    method.setInvocationHandler(handler);
    context.getNodeManager().addNode(method);
    folder.addComponent(method);
  }

  /** The camera's state changed: set what differs, in {@link CameraVariable} order. */
  private synchronized void show() {
    PlcState state = camera.state();
    for (CameraVariable variable : CameraVariable.values()) {
      Variant value = variable.valueOf(state);
      if (!value.equals(shown.get(variable))) {
        shown.put(variable, value);
        nodes.get(variable).setValue(stamped(value));
      }
    }
  }

  private static DataValue stamped(Variant value) {
    DateTime now = DateTime.now();
    return new DataValue(value, StatusCode.GOOD, now, now);
  }

  /** A PLC's write to Ack, PartId or Recipe, after Milo has checked access and type. */
  private final class PlcWrites implements AttributeFilter {
    private final CameraVariable variable;

    PlcWrites(CameraVariable variable) {
      this.variable = variable;
    }

    @Override
    public void writeAttribute(AttributeFilterContext ctx, AttributeId attributeId, Object value)
        throws UaException {
      if (attributeId != AttributeId.Value) {
        ctx.setAttribute(attributeId, value);
        return;
      }
      Object written = ((DataValue) value).value().value();
      boolean accepted = false;
      try {
        accepted = apply(written);
      } catch (RuntimeException e) {
        throw new UaException(StatusCodes.Bad_InternalError, "write failed: " + e.getMessage());
      } finally {
        meters.write(camera.id(), variable, accepted);
      }
      if (!accepted) {
        throw new UaException(StatusCodes.Bad_OutOfRange);
      }
    }

    private boolean apply(Object written) {
      switch (variable) {
        case ACK -> {
          // Writing false is what the bridge does itself when it clears Ack: nothing to do.
          if (Boolean.TRUE.equals(written)) {
            camera.acknowledge();
          }
          return true;
        }
        case PART_ID -> {
          String partId = (String) written;
          if (partId.length() > MAX_PART_ID_LENGTH) {
            return false;
          }
          camera.partId(partId);
          return true;
        }
        case RECIPE -> {
          int recipe = (Integer) written;
          if (recipe < 0) {
            return false;
          }
          camera.recipe(recipe);
          return true;
        }
        default -> throw new IllegalStateException(variable + " is not writable");
      }
    }
  }

  /** Node ids and browse names in the camera-bridge namespace. */
  interface Ids {
    NodeId node(String path);

    QualifiedName name(String name);
  }
}
