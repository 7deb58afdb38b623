package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.DeviceInfo;
import io.camerabridge.bindings.aravis.Devices;
import io.camerabridge.support.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code camera-bridge devices}: what Aravis can see, as a table. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the GigE Vision and USB3 Vision cameras Aravis discovers (about 1 s), one per line:",
      "the device id to put in a camera's 'device:' key, vendor, model, serial number, address",
      "and protocol. The serial number or the IP address works as 'device:' too."
    },
    footer = {
      "",
      "Examples:",
      "  camera-bridge devices",
      "  camera-bridge devices --fake     # also Aravis's in-process Fake camera (Fake_1)",
      "",
      "A GigE camera that does not show up: is it on the same subnet as a host interface, and",
      "does the firewall let UDP port 3956 through?"
    })
public final class DevicesCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--fake",
      description = "Include Aravis's in-process Fake camera (for trying camera-bridge out).")
  private boolean fake;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!AravisPrerequisite.ready(err, fake)) {
      return ExitCodes.FAILURE;
    }
    List<DeviceInfo> devices = Devices.list();
    if (devices.isEmpty()) {
      out.println("No camera found." + (fake ? "" : " (Try --fake for Aravis's Fake camera.)"));
      out.flush();
      return ExitCodes.OK;
    }
    String[] header = {"DEVICE ID", "VENDOR", "MODEL", "SERIAL", "ADDRESS", "PROTOCOL"};
    int[] widths = new int[header.length];
    String[][] rows = new String[devices.size()][];
    for (int i = 0; i < devices.size(); i++) {
      DeviceInfo d = devices.get(i);
      rows[i] =
          new String[] {
            d.id(), d.vendor(), d.model(), d.serial(), d.address(), String.valueOf(d.protocol())
          };
    }
    for (int c = 0; c < header.length; c++) {
      widths[c] = header[c].length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c] == null ? 0 : row[c].length());
      }
    }
    out.println(format(header, widths));
    for (String[] row : rows) {
      out.println(format(row, widths));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String format(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c] == null ? "" : cells[c];
      line.append(cell);
      if (c < cells.length - 1) {
        line.append(" ".repeat(widths[c] - cell.length() + 2));
      }
    }
    return line.toString();
  }
}
