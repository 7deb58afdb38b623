package io.camerabridge.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image {@code docker/Dockerfile} makes from the freshly built shaded jar, built once per test
 * JVM.
 *
 * <p>The build context holds exactly what {@code .dockerignore} lets through from the repository
 * root, so the test builds the image a user gets from {@code docker build -f docker/Dockerfile .}.
 * The Dockerfile's default base image is used unless the system property {@code
 * camerabridge.baseImage} names another one (it must exist on the engine: no registry is assumed).
 */
final class CameraBridgeImage {

  private static ImageFromDockerfile image;

  private CameraBridgeImage() {}

  /** The image, built on first use; later calls reuse it. */
  static synchronized ImageFromDockerfile get() {
    if (image == null) {
      image = define();
    }
    return image;
  }

  // withDockerfilePath is deprecated in favour of withDockerfile(Path), which sends the
  // Dockerfile's
  // own directory as the context; the context here is assembled file by file to match the
  // repository
  // root as .dockerignore filters it, so the path inside that context is what must be named.
  @SuppressWarnings("deprecation")
  private static ImageFromDockerfile define() {
    Path root = Path.of(requiredProperty("camerabridge.root"));
    Path jar = Path.of(requiredProperty("camerabridge.jar"));
    assertThat(jar)
        .as("the shaded jar the image packages; build it with `mvn package` first")
        .isRegularFile();
    Path dockerfile = root.resolve("docker/Dockerfile");
    assertThat(dockerfile).isRegularFile();
    ImageFromDockerfile built =
        // A tag of its own per test JVM: concurrent runs on one engine must not swap images.
        new ImageFromDockerfile("localhost/camera-bridge-it:" + UUID.randomUUID(), true)
            .withDockerfilePath("docker/Dockerfile")
            .withFileFromPath("docker/Dockerfile", dockerfile)
            .withFileFromPath(
                "camera-bridge/src/deb/bin/camera-bridge",
                root.resolve("camera-bridge/src/deb/bin/camera-bridge"))
            .withFileFromPath("camera-bridge/target/camera-bridge.jar", jar);
    String baseImage = System.getProperty("camerabridge.baseImage");
    if (baseImage != null && !baseImage.isBlank()) {
      built = built.withBuildArg("BASE_IMAGE", baseImage);
    }
    return built;
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property %s (set by the Failsafe configuration)", name)
        .isNotBlank();
    return value;
  }
}
