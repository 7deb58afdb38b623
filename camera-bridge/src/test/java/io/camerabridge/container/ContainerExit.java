package io.camerabridge.container;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;

/**
 * How a container ended after {@code docker stop}: SIGTERM, then SIGKILL after the timeout.
 *
 * @param code the main process's exit code (137 means it had to be killed)
 * @param log everything the container wrote to stdout and stderr
 */
record ContainerExit(long code, String log) {

  /** Stops the container the way {@code docker stop} does and reads how it ended. */
  static ContainerExit stop(GenericContainer<?> container, Duration timeout) {
    DockerClient docker = container.getDockerClient();
    String id = container.getContainerId();
    docker.stopContainerCmd(id).withTimeout((int) timeout.toSeconds()).exec();
    Long code = docker.inspectContainerCmd(id).exec().getState().getExitCodeLong();
    return new ContainerExit(code == null ? -1 : code, container.getLogs());
  }

  /** The last non-blank line of the log. */
  String lastLine() {
    String[] lines = log.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
