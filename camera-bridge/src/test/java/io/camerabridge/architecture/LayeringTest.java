package io.camerabridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Build rules that keep the architecture visible: native code is reached only through
 * native-bindings, whose safe layer owns every native resource.
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
}
