package io.camerabridge.config;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the {@code plc:} block and what cameras ask of it: listen addresses, the handshake queue,
 * recipe URLs (the rules of {@code pekat.url}), unique Modbus slots, and that a camera's {@code
 * plc:} block or {@code trigger.mode: plc} has a server to talk to.
 */
final class PlcValidator {
  /** Outcomes a camera may hold for {@code handshake: queue}. */
  static final int MAX_QUEUE = 1024;

  private final Problems problems;
  private final Ranges ranges;

  PlcValidator(Problems problems) {
    this.problems = problems;
    this.ranges = new Ranges(problems);
  }

  void validate(Optional<PlcConfig> plc, List<CameraConfig> cameras) {
    plc.ifPresent(this::checkBlock);
    Map<Integer, Integer> slots = new HashMap<>();
    for (int i = 0; i < cameras.size(); i++) {
      CameraConfig camera = cameras.get(i);
      if (camera != null) {
        checkCamera(YamlPaths.element("cameras", i), camera, plc, slots, i);
      }
    }
  }

  private void checkBlock(PlcConfig plc) {
    if (!plc.hasServer()) {
      problems.check(
          "plc",
          "no PLC server is configured: add 'opcua: { listen: \"0.0.0.0:4840\" }' or 'modbus: {"
              + " listen: \"0.0.0.0:502\" }', or remove the plc block");
    }
    plc.opcuaServer().ifPresent(o -> checkListen("plc.opcua.listen", o.listen(), 4840));
    plc.opcuaServer()
        .ifPresent(
            o ->
                o.users()
                    .forEach((user, password) -> checkUser("plc.opcua.users", user, password)));
    plc.modbusServer()
        .ifPresent(
            m -> {
              checkListen("plc.modbus.listen", m.listen(), 502);
              ranges.whole("plc.modbus.unitId", m.unitId(), 0, 255, "");
            });
    ranges.whole("plc.queue", plc.queue(), 1, MAX_QUEUE, "outcomes");
    plc.recipes().forEach(this::checkRecipe);
  }

  private void checkListen(String path, String listen, int examplePort) {
    var m = ConfigValidator.HOST_PORT.matcher(listen);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      problems.check(
          path,
          "'"
              + listen
              + "' is not an address to listen on: write host:port, e.g. 0.0.0.0:"
              + examplePort
              + " (all interfaces) or 127.0.0.1:"
              + examplePort);
    }
  }

  private void checkUser(String path, String user, Secret password) {
    String userPath = YamlPaths.child(path, user);
    if (user.isBlank()) {
      problems.check(userPath, "a user name may not be empty");
    } else if (password == null) {
      problems.check(userPath, "no password given for user '" + user + "'");
    }
  }

  private void checkRecipe(Integer number, URI url) {
    String path = YamlPaths.child("plc.recipes", String.valueOf(number));
    if (number == null || number < 1 || number > Short.MAX_VALUE) {
      problems.check(
          path,
          "recipe "
              + number
              + " is not a recipe number: use 1 to 32767 (recipe 0 is the camera's own pekat.url)");
      return;
    }
    if (url == null) {
      problems.check(path, "no URL given: the PEKAT project of this recipe, e.g. http://host:8001");
      return;
    }
    String problem = PekatValidator.urlProblem(url, "http://127.0.0.1:8001");
    if (problem != null) {
      problems.check(path, problem);
    }
  }

  private void checkCamera(
      String path,
      CameraConfig camera,
      Optional<PlcConfig> plc,
      Map<Integer, Integer> slots,
      int index) {
    String plcPath = CameraValidator.at(path, "plc");
    if (plc.isPresent()
        && !plc.get().recipes().isEmpty()
        && camera.pekat().instances().size() > 1) {
      // A recipe is one other project per camera; which of several instances it would replace
      // has no answer.
      problems.check(
          CameraValidator.at(path, "pekat.urls"),
          "plc.recipes switch a camera between single PEKAT projects: give this camera one"
              + " pekat.url, or leave plc.recipes out");
    }
    Integer slot = camera.plc().slot();
    if (slot != null && plc.isEmpty()) {
      problems.check(
          plcPath,
          "this camera has a PLC slot but there is no PLC server: add a top-level block such as"
              + " 'plc: { modbus: { listen: \"0.0.0.0:502\" } }', or remove the camera's plc block");
    }
    if (camera.trigger().mode() == TriggerMode.PLC && plc.map(p -> !p.hasServer()).orElse(true)) {
      problems.check(
          CameraValidator.at(CameraValidator.at(path, "trigger"), "mode"),
          "mode: plc needs a PLC server to take the Trigger from: add a top-level block such as"
              + " 'plc: { opcua: { listen: \"0.0.0.0:4840\" } }'");
    }
    if (slot == null) {
      return;
    }
    String slotPath = CameraValidator.at(plcPath, "slot");
    ranges.whole(slotPath, slot, 0, CameraPlcConfig.MAX_SLOT, "");
    if (!camera.enabled()) {
      // A disabled entry keeps its slot in the file without taking it from a running camera.
      return;
    }
    Integer first = slots.putIfAbsent(slot, index);
    if (first != null) {
      String firstPath =
          CameraValidator.at(
              CameraValidator.at(YamlPaths.element("cameras", first), "plc"), "slot");
      problems.check(
          slotPath,
          "slot "
              + slot
              + " is already used by cameras["
              + first
              + "] (line "
              + problems.markOf(firstPath).line()
              + "): each camera needs its own 16 Modbus registers",
          firstPath);
    }
  }
}
