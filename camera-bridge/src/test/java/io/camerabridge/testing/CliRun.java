package io.camerabridge.testing;

import io.camerabridge.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the {@code camera-bridge} command line: its exit status and everything it
 * printed to standard output and standard error.
 */
public record CliRun(int status, String out, String err) {

  /** Runs {@code camera-bridge <args>} as {@link Main} builds it. */
  public static CliRun of(String... args) {
    return of(Main.newCommandLine(), args);
  }

  /** Runs {@code cli} with {@code args}, capturing what it prints. */
  public static CliRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }
}
