package io.camerabridge.config;

/**
 * How the console authenticates: a bearer {@code token}, or basic authentication with {@code user}
 * and a PBKDF2 {@code passwordHash} (printed by {@code camera-bridge console-password}). Exactly
 * one of the two.
 *
 * @param token the bearer token, usually {@code "${CONSOLE_TOKEN}"} (at least 16 characters); also
 *     accepted once on the console's sign-in page, which then sets a cookie derived from it
 * @param user the user name for basic authentication
 * @param passwordHash {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), never the password
 */
public record ConsoleAuthConfig(String token, String user, String passwordHash) {

  /** Whether this is bearer-token authentication. */
  public boolean isToken() {
    return token != null;
  }

  /** Secrets are never printed. */
  @Override
  public String toString() {
    return isToken()
        ? "ConsoleAuthConfig[token=<redacted>]"
        : "ConsoleAuthConfig[user=" + user + ", passwordHash=<redacted>]";
  }
}
