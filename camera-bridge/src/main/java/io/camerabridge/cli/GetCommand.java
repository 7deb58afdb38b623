package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.Camera;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code camera-bridge get DEVICE NAME...}: the current value of features, one per line. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Opens a camera and prints the current value of each NAME, one per line (with several",
      "names as NAME=VALUE, the feature-file form). Nothing is written. The camera must not be",
      "in use by a running camera-bridge."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge get 192.168.10.20 DeviceTemperature",
      "  camera-bridge get 192.168.10.20 Width Height PixelFormat"
    })
public final class GetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEVICE", description = "Device id, serial or address.")
  private String device;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "Features.")
  private List<String> names;

  @Option(names = "--fake", description = "Enable Aravis's in-process Fake camera (Fake_1).")
  private boolean fake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!AravisPrerequisite.ready(err, fake)) {
      return ExitCodes.FAILURE;
    }
    int status = ExitCodes.OK;
    try (Camera camera = Camera.open(device)) {
      for (String name : names) {
        Optional<FeatureDescription> d = camera.features().describe(name);
        if (d.isEmpty() || d.get().value().isEmpty()) {
          err.println(
              name
                  + ": "
                  + (d.isEmpty()
                      ? "no such feature on this camera"
                      : "no readable value ("
                          + d.get().type().label()
                          + ", "
                          + d.get().access()
                          + (d.get().available() ? "" : ", not available now")
                          + ")"));
          status = ExitCodes.FAILURE;
          continue;
        }
        out.println(names.size() == 1 ? d.get().value().get() : name + "=" + d.get().value().get());
      }
    } catch (RuntimeException e) {
      err.println("Cannot read '" + device + "': " + e.getMessage());
      status = ExitCodes.FAILURE;
    }
    out.flush();
    err.flush();
    return status;
  }
}
