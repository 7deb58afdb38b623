package io.camerabridge.cli;

import io.camerabridge.config.PasswordHash;
import io.camerabridge.support.ExitCodes;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code camera-bridge console-password}: reads a password from the terminal (twice, not echoed)
 * and prints the {@code console.auth.passwordHash} value for it. Without a terminal it reads one
 * line from standard input, for scripts; the password is never an argument, so it stays out of the
 * shell history and the process list.
 */
@Command(
    name = "console-password",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a password from the terminal and prints its hash for console.auth.passwordHash",
      "(PBKDF2-SHA256). Without a terminal, reads one line from standard input."
    },
    footer = {
      "",
      "Example:",
      "  camera-bridge console-password",
      "  # then in the configuration:",
      "  console: { auth: { user: operator, passwordHash: \"pbkdf2-sha256$310000$...\" } }"
    })
public final class ConsolePasswordCommand implements Callable<Integer> {
  private static final int MIN_LENGTH = 8;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    char[] password = read(err);
    if (password == null || password.length < MIN_LENGTH) {
      err.println(
          "console-password: a password of at least " + MIN_LENGTH + " characters is needed");
      return ExitCodes.USAGE;
    }
    try {
      out.println(PasswordHash.create(password).encoded());
      return ExitCodes.OK;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] read(PrintWriter err) throws IOException {
    Console console = System.console();
    if (console == null) {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.toCharArray();
    }
    char[] first = console.readPassword("Console password: ");
    char[] again = console.readPassword("Again: ");
    if (first == null || !Arrays.equals(first, again)) {
      err.println("console-password: the two passwords differ");
      return null;
    }
    Arrays.fill(again, '\0');
    return first;
  }
}
