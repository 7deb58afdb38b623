package io.camerabridge.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a camera's GenICam keys after binding: {@code features:} steps, {@code userSet:}, {@code
 * diagnostics:} and {@code chunks:}. What only the camera knows (does the feature exist, its type,
 * range and entries) is checked when the camera is opened.
 */
final class FeatureValidator {
  private static final int MAX_DIAGNOSTICS = 32;
  private static final Set<String> TRIGGER_FEATURES =
      Set.of("TriggerMode", "TriggerSource", "TriggerActivation");

  /** Features with their own keys: setting them under features: would fight those keys. */
  private static final Map<String, String> OWN_KEY =
      Map.ofEntries(
          Map.entry("PixelFormat", "pixelFormat"),
          Map.entry("Width", "width"),
          Map.entry("Height", "height"),
          Map.entry("OffsetX", "offsetX"),
          Map.entry("OffsetY", "offsetY"),
          Map.entry("BinningHorizontal", "binning.horizontal"),
          Map.entry("BinningVertical", "binning.vertical"),
          Map.entry("AcquisitionFrameRate", "frameRate"),
          Map.entry("ExposureTime", "exposure"),
          Map.entry("Gain", "gain"),
          Map.entry("TriggerMode", "trigger.mode"),
          Map.entry("TriggerSource", "trigger.source"),
          Map.entry("TriggerActivation", "trigger.activation"),
          Map.entry("GevSCPSPacketSize", "gige.packetSize"),
          Map.entry("GevSCPD", "gige.packetDelay"),
          Map.entry("UserSetSelector", "userSet"),
          Map.entry("ChunkModeActive", "chunks"),
          Map.entry("DeviceLinkThroughputLimit", "usb.throughputLimit"));

  private final Problems problems;
  private final Ranges ranges;

  FeatureValidator(Problems problems, Ranges ranges) {
    this.problems = problems;
    this.ranges = ranges;
  }

  void validate(String path, CameraConfig camera) {
    checkSteps(camera.features());
    if (camera.userSet() != null && !FeatureFileParser.NAME.matcher(camera.userSet()).matches()) {
      problems.check(
          at(path, "userSet"),
          TokenText.quote(camera.userSet())
              + " is not a user set name: use an entry of the camera's UserSetSelector such as"
              + " UserSet1 (list them with 'camera-bridge features DEVICE UserSetSelector')");
    }
    names(
        at(path, "diagnostics"),
        camera.diagnostics(),
        "a readable feature such as DeviceTemperature");
    if (camera.diagnostics().size() > MAX_DIAGNOSTICS) {
      problems.check(
          at(path, "diagnostics"),
          camera.diagnostics().size()
              + " diagnostics are too many: poll at most "
              + MAX_DIAGNOSTICS
              + " features (each read is a round trip to the camera)");
    }
    ranges.duration(
        at(path, "diagnosticsInterval"),
        camera.diagnosticsInterval(),
        Duration.ofSeconds(1),
        Duration.ofHours(1));
    names(at(path, "chunks"), camera.chunks(), "a ChunkSelector entry such as Timestamp");
  }

  private void checkSteps(FeatureSteps steps) {
    boolean triggerSelected = false;
    for (FeatureStep step : steps.steps()) {
      String name = step.feature();
      if (!FeatureFileParser.NAME.matcher(name).matches()) {
        problems.check(
            step.path(),
            TokenText.quote(name)
                + " is not a GenICam feature name: names are letters, digits and '_',"
                + " e.g. BalanceWhiteAuto (list them with 'camera-bridge features DEVICE')");
      } else if (!steps.isList() && name.equals(FeatureDeserializers.EXECUTE)) {
        problems.check(
            step.path(),
            "execute runs a command only in the list form: write features as a list of steps,"
                + " e.g. '- execute: "
                + step.value()
                + "'");
      } else if (OWN_KEY.containsKey(name)
          && !(steps.isList() && triggerSelected && TRIGGER_FEATURES.contains(name))) {
        problems.check(step.path(), ownKey(name, steps.isList()));
      } else if (!step.isCommand() && step.value() == null) {
        problems.check(step.path(), "no value given: write a number, text or true/false");
      }
      triggerSelected |= name.equals("TriggerSelector");
    }
  }

  private static String ownKey(String name, boolean list) {
    String text =
        name
            + " has its own key: set "
            + OWN_KEY.get(name)
            + " on the camera instead, so it is validated and applied in the right order";
    if (list && TRIGGER_FEATURES.contains(name)) {
      text += " (after a TriggerSelector step it may be set for that other trigger)";
    }
    return text;
  }

  private void names(String path, List<String> names, String example) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String itemPath = YamlPaths.element(path, i);
      if (name == null || !FeatureFileParser.NAME.matcher(name).matches()) {
        problems.check(
            itemPath,
            (name == null ? "an empty entry" : TokenText.quote(name))
                + " is not a GenICam name: write "
                + example);
      } else if (!seen.add(name)) {
        problems.check(itemPath, name + " is listed twice: remove one");
      }
    }
  }

  private static String at(String parent, String key) {
    return YamlPaths.child(parent, key);
  }
}
