package io.camerabridge.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file cannot be used. Carries every problem found, in file order; the message is
 * one problem per line.
 */
public final class ConfigException extends Exception {
  private final transient List<ConfigProblem> problems;

  /** Creates the exception from at least one problem. */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
