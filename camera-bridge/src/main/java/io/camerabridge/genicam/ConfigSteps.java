package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.bindings.aravis.FeatureType;
import io.camerabridge.config.FeatureStep;
import io.camerabridge.config.FeatureValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps behind the camera keys that stand for a fixed GenICam sequence: {@code userSet:}
 * (UserSetSelector, then the UserSetLoad command) and {@code chunks:} (ChunkModeActive, then
 * ChunkSelector + ChunkEnable per chunk). Their origin is the key's YAML path.
 */
public final class ConfigSteps {
  private ConfigSteps() {}

  /** Selects and loads user set {@code set}. */
  public static List<FeatureStep> userSet(String set, String path) {
    return List.of(
        FeatureStep.set("UserSetSelector", new FeatureValue(set), path, path),
        FeatureStep.execute("UserSetLoad", path, path));
  }

  /**
   * Turns chunk mode on and enables each of {@code chunks}.
   *
   * @throws FeatureStepException when the camera offers no chunk data at all
   */
  public static List<FeatureStep> chunks(
      CameraFeatures features, List<String> chunks, String path) {
    boolean offered =
        features.describe("ChunkModeActive").isPresent()
            && features
                .describe("ChunkSelector")
                .filter(d -> d.type() == FeatureType.ENUMERATION)
                .isPresent()
            && features.describe("ChunkEnable").isPresent();
    if (!offered) {
      throw new FeatureStepException(
          List.of(
              path
                  + ": this camera offers no chunk data (it has no ChunkModeActive, ChunkSelector"
                  + " and ChunkEnable features): remove chunks from its configuration"));
    }
    List<FeatureStep> steps = new ArrayList<>();
    steps.add(FeatureStep.set("ChunkModeActive", new FeatureValue(true), path, path));
    for (int i = 0; i < chunks.size(); i++) {
      String item = path + "[" + i + "]";
      steps.add(FeatureStep.set("ChunkSelector", new FeatureValue(chunks.get(i)), item, item));
      steps.add(FeatureStep.set("ChunkEnable", new FeatureValue(true), item, item));
    }
    return steps;
  }
}
