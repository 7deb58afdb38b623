package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.config.FeatureStep;
import io.camerabridge.config.FeatureValue;
import io.camerabridge.genicam.FeatureStepException;
import io.camerabridge.genicam.FeatureStepRunner;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code camera-bridge set DEVICE NAME=VALUE...}: feature steps from the command line. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Opens a camera and applies NAME=VALUE steps in order, checked like a camera's",
      "'features:' list (type, access, range, entries); a bare NAME executes a Command. Prints",
      "each feature's value afterwards. For quick checks: the camera forgets the change when it",
      "is power-cycled, and camera-bridge applies its own configuration when it opens it. The",
      "camera must not be in use by a running camera-bridge."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge set 192.168.10.20 LineSelector=Line1 LineMode=Output",
      "  camera-bridge set 192.168.10.20 UserSetSelector=UserSet1 UserSetSave"
    })
public final class SetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id, serial or address.")
  private String device;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "NAME=VALUE",
      description = "Steps in order; a bare NAME executes that Command.")
  private List<String> assignments;

  @Option(names = "--fake", description = "Enable Aravis's in-process Fake camera (Fake_1).")
  private boolean fake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!AravisPrerequisite.ready(err, fake)) {
      return ExitCodes.FAILURE;
    }
    List<FeatureStep> steps = steps();
    try (Camera camera = Camera.open(device)) {
      new FeatureStepRunner(camera.features()).run(steps);
      for (FeatureStep step : steps) {
        if (!step.isCommand()) {
          camera
              .features()
              .describe(step.feature())
              .flatMap(d -> d.value())
              .ifPresent(v -> out.println(step.feature() + "=" + v));
        }
      }
      out.flush();
      return ExitCodes.OK;
    } catch (FeatureStepException e) {
      e.problems().forEach(err::println);
    } catch (RuntimeException e) {
      err.println("Cannot set features of '" + device + "': " + e.getMessage());
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  private List<FeatureStep> steps() {
    List<FeatureStep> steps = new ArrayList<>();
    for (int i = 0; i < assignments.size(); i++) {
      String a = assignments.get(i);
      String origin = "argument " + (i + 2);
      int eq = a.indexOf('=');
      if (eq < 0) {
        steps.add(FeatureStep.execute(a.strip(), origin, origin));
      } else {
        steps.add(
            FeatureStep.set(
                a.substring(0, eq).strip(),
                new FeatureValue(a.substring(eq + 1).strip()),
                origin,
                origin));
      }
    }
    return steps;
  }
}
