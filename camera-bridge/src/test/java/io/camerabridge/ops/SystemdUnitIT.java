package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-analyze verify} on config/systemd/camera-bridge.service, in a scratch root that
 * holds systemd's own units and a stand-in for /usr/bin/camera-bridge (verify checks that every
 * Exec path is executable). systemd-analyze exits 0 even for unknown keys and unparsable values, so
 * any output at all fails the test.
 */
class SystemdUnitIT {

  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));
  private static final Path UNIT = ROOT.resolve("config/systemd/camera-bridge.service");
  private static final Path SYSCTL = ROOT.resolve("config/sysctl/60-camera-bridge.conf");
  private static final Path SYSTEM_UNITS = Path.of("/usr/lib/systemd/system");

  @TempDir Path scratch;

  @Test
  void unitPassesSystemdAnalyzeVerify() throws Exception {
    Result result = verify(Files.readString(UNIT));
    assertThat(result.output).as("systemd-analyze verify output").isEmpty();
    assertThat(result.exitCode).isZero();
  }

  @Test
  void verifierCatchesAMistake() throws Exception {
    String broken = Files.readString(UNIT).replace("WatchdogSec=10s", "WatchdogSec=ten seconds");
    assertThat(verify(broken).output).contains("camera-bridge.service:").contains("ten seconds");
  }

  @Test
  void unitKeepsTheContractWithTheService() throws IOException {
    Map<String, List<String>> service = directives(Files.readString(UNIT));
    assertThat(service.get("Type")).containsExactly("notify");
    assertThat(service.get("SuccessExitStatus")).containsExactly("143");
    assertThat(service.get("Restart")).containsExactly("on-failure");
    assertThat(service.get("WatchdogSec")).hasSize(1);
    assertThat(service.get("User")).containsExactly("camera-bridge");
    assertThat(service.get("StateDirectory")).containsExactly("camera-bridge");
    assertThat(service.get("ExecStartPre").get(0))
        .startsWith("/usr/bin/camera-bridge check-config /etc/camera-bridge/camera-bridge.yaml");
    assertThat(service.get("ExecStart").get(0))
        .isEqualTo("/usr/bin/camera-bridge run --config /etc/camera-bridge/camera-bridge.yaml");
    assertThat(service)
        .as("the JIT needs writable+executable memory")
        .doesNotContainKey("MemoryDenyWriteExecute");
  }

  @Test
  void sysctlDropInRaisesTheReceiveBufferForGigE() throws IOException {
    Map<String, String> settings =
        Files.readAllLines(SYSCTL).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .map(l -> l.split("=", 2))
            .collect(Collectors.toMap(kv -> kv[0].strip(), kv -> kv[1].strip()));
    assertThat(settings).containsOnlyKeys("net.core.rmem_max", "net.core.rmem_default");
    assertThat(Long.parseLong(settings.get("net.core.rmem_max"))).isGreaterThanOrEqualTo(16 << 20);
    for (String key : settings.keySet()) {
      assertThat(Path.of("/proc/sys", key.replace('.', '/'))).as("%s exists", key).exists();
    }
  }

  private Result verify(String unit) throws Exception {
    Path units = scratch.resolve("usr/lib/systemd/system");
    Files.createDirectories(units);
    try (Stream<Path> systemUnits = Files.list(SYSTEM_UNITS)) {
      for (Path source : (Iterable<Path>) systemUnits::iterator) {
        if (Files.isRegularFile(source)) {
          Files.copy(
              source, units.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path etc = Files.createDirectories(scratch.resolve("etc/systemd/system"));
    Files.writeString(etc.resolve("camera-bridge.service"), unit, StandardCharsets.UTF_8);
    Path bin = Files.createDirectories(scratch.resolve("usr/bin")).resolve("camera-bridge");
    Files.writeString(bin, "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));

    Process process =
        new ProcessBuilder(
                "systemd-analyze", "--root=" + scratch, "verify", "camera-bridge.service")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output.strip());
  }

  /** Key → values of the unit's [Service] section (keys may repeat). */
  private static Map<String, List<String>> directives(String unit) {
    String service = unit.substring(unit.indexOf("[Service]"), unit.indexOf("[Install]"));
    return service
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
        .map(l -> l.split("=", 2))
        .collect(
            Collectors.groupingBy(
                kv -> kv[0], Collectors.mapping(kv -> kv[1], Collectors.toList())));
  }

  private record Result(int exitCode, String output) {}
}
