package io.camerabridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Build rules that keep the architecture visible: native code is reached only through
 * native-bindings, whose safe layer owns every native resource; the service never leans on its
 * tools (simulator, bench, demo) or on the command line; no package depends on itself in a circle.
 */
class LayeringTest {

  private static JavaClasses bridgeClasses;

  @BeforeAll
  static void importClasses() {
    bridgeClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.camerabridge");
  }

  @Test
  void onlyNativeBindingsTouchesJna() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.camerabridge.bindings..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.jna..")
        .because("JNA belongs in native-bindings; camera-bridge uses its safe, owning wrappers")
        .check(bridgeClasses);
  }

  @Test
  void onlyNativeBindingsTouchesTheRawLayer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.camerabridge.bindings..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.camerabridge.bindings.raw..")
        .because("C-style handles stay below the safe layer")
        .check(bridgeClasses);
  }

  @Test
  void noPackageCycles() {
    slices()
        .matching("io.camerabridge.(**)")
        .should()
        .beFreeOfCycles()
        .because("each package is a room with one door; a cycle makes two rooms one")
        .check(bridgeClasses);
  }

  @Test
  void theServiceNeverDependsOnItsToolsOrTheCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.camerabridge.pipeline..",
            "io.camerabridge.service..",
            "io.camerabridge.pekat..",
            "io.camerabridge.results..",
            "io.camerabridge.metrics..",
            "io.camerabridge.config..",
            "io.camerabridge.ops..",
            "io.camerabridge.genicam..",
            "io.camerabridge.console..",
            "io.camerabridge.frame..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.camerabridge.tools..", "io.camerabridge.cli..")
        .because("the simulator, bench, demo and commands sit at the edge and may be left out")
        .check(bridgeClasses);
  }

  @Test
  void theClientApiDoesNotKnowItsImplementation() {
    noClasses()
        .that()
        .resideInAPackage("io.camerabridge.pekat")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.camerabridge.pekat.netty..")
        .because("callers program against PekatClient; the Netty client is one implementation")
        .check(bridgeClasses);
  }
}
