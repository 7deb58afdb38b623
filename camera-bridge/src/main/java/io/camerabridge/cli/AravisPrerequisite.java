package io.camerabridge.cli;

import io.camerabridge.bindings.aravis.AravisLibrary;
import io.camerabridge.bindings.aravis.Devices;
import java.io.PrintWriter;

/** What every camera command does first: make sure Aravis loads, and say how to fix it if not. */
final class AravisPrerequisite {
  private AravisPrerequisite() {}

  /**
   * Checks that libaravis loads and enables the in-process Fake interface when asked.
   *
   * @return false after printing the reason and the package to install
   */
  static boolean ready(PrintWriter err, boolean enableFake) {
    if (!AravisLibrary.isAvailable()) {
      err.println("Aravis cannot be loaded: " + AravisLibrary.unavailabilityCause().getMessage());
      err.println("Install it with: apt-get install " + AravisLibrary.DEBIAN_PACKAGE);
      err.flush();
      return false;
    }
    if (enableFake) {
      Devices.enableFakeInterface();
    }
    return true;
  }
}
