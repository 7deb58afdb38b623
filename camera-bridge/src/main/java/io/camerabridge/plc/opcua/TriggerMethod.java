package io.camerabridge.plc.opcua;

import io.camerabridge.plc.PlcCamera;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;

/**
 * {@code Trigger()} on a camera's folder: asks the camera for one frame. Answers {@code Accepted}
 * false (not an error status) when the camera is not {@code trigger.mode: plc} or not streaming, so
 * a PLC program can branch on it without fault handling.
 */
final class TriggerMethod extends AbstractMethodInvocationHandler {
  static final Argument ACCEPTED =
      new Argument(
          "Accepted",
          NodeIds.Boolean,
          ValueRanks.Scalar,
          null,
          LocalizedText.english(
              "true: a frame was requested; false: the camera is not trigger.mode plc or not"
                  + " streaming"));

  private final PlcCamera camera;
  private final OpcUaMeters meters;

  TriggerMethod(UaMethodNode node, PlcCamera camera, OpcUaMeters meters) {
    super(node);
    this.camera = camera;
    this.meters = meters;
  }

  @Override
  public Argument[] getInputArguments() {
    return new Argument[0];
  }

  @Override
  public Argument[] getOutputArguments() {
    return new Argument[] {ACCEPTED};
  }

  @Override
  protected Variant[] invoke(InvocationContext context, Variant[] inputs) throws UaException {
    boolean accepted;
    try {
      accepted = camera.trigger();
    } catch (RuntimeException e) {
      meters.call(camera.id(), false);
      throw new UaException(StatusCodes.Bad_InternalError, "Trigger failed: " + e.getMessage());
    }
    meters.call(camera.id(), accepted);
    return new Variant[] {Variant.ofBoolean(accepted)};
  }
}
