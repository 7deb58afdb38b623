package io.camerabridge.support;

/** Process exit statuses, documented in docs/operations.md. */
public final class ExitCodes {
  /** Normal end, including a clean stop on SIGTERM/SIGINT. */
  public static final int OK = 0;

  /** A runtime failure that is not the user's input. */
  public static final int FAILURE = 1;

  /** Invalid configuration or command-line usage: nothing was started. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
