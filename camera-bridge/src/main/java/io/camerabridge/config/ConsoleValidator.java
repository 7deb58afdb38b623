package io.camerabridge.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks the {@code console:} block against the status server's address: product images are
 * confidential, so off loopback (the wildcard 0.0.0.0 / :: included) the console needs {@code
 * console.auth} or an explicit {@code console.public: true}.
 */
final class ConsoleValidator {
  static final int MIN_TOKEN_LENGTH = 16;

  private final Problems problems;

  ConsoleValidator(Problems problems) {
    this.problems = problems;
  }

  void validate(ConsoleConfig console, MetricsConfig metrics) {
    console.authentication().ifPresent(this::checkAuth);
    if (!console.enabled()
        || !metrics.enabled()
        || console.auth() != null
        || console.publicAccess()) {
      return;
    }
    if (!metrics.listen().contains(":")) {
      return; // reported by the metrics check
    }
    if (!isLoopback(metrics.host())) {
      problems.check(
          "metrics.listen",
          "the console would show product images to anyone who reaches "
              + metrics.listen()
              + ": off loopback it needs console.auth (a token: \"${CONSOLE_TOKEN}\", or user and"
              + " passwordHash from 'camera-bridge console-password'), or console.public: true to"
              + " serve it openly, or console.enabled: false; or listen on 127.0.0.1",
          "console");
    }
  }

  private void checkAuth(ConsoleAuthConfig auth) {
    boolean basic = auth.user() != null || auth.passwordHash() != null;
    if (auth.token() != null && basic) {
      problems.check(
          "console.auth",
          "give either token or user and passwordHash, not both: one way to sign in");
      return;
    }
    if (auth.token() != null) {
      if (auth.token().strip().length() < MIN_TOKEN_LENGTH) {
        problems.check(
            "console.auth.token",
            "the token is too short to resist guessing: use at least "
                + MIN_TOKEN_LENGTH
                + " characters, e.g. from 'openssl rand -hex 24'");
      }
      return;
    }
    if (!basic) {
      problems.check(
          "console.auth", "empty: give token, or user and passwordHash (basic authentication)");
      return;
    }
    if (auth.user() == null || auth.user().isBlank() || auth.user().contains(":")) {
      problems.check("console.auth.user", "required with passwordHash: a user name without ':'");
    }
    if (auth.passwordHash() == null) {
      problems.check(
          "console.auth.passwordHash",
          "required with user: print one with 'camera-bridge console-password'");
    } else {
      var hash = PasswordHash.parse(auth.passwordHash());
      if (hash.isEmpty()) {
        problems.check(
            "console.auth.passwordHash",
            "not a password hash: expected pbkdf2-sha256$<iterations>$<salt>$<hash> as printed by"
                + " 'camera-bridge console-password' (never the password itself)");
      } else if (hash.get().iterations() < PasswordHash.MIN_ITERATIONS) {
        problems.check(
            "console.auth.passwordHash",
            hash.get().iterations()
                + " iterations are too few: at least "
                + PasswordHash.MIN_ITERATIONS
                + "; print a new hash with 'camera-bridge console-password'");
      }
    }
  }

  /** Literal loopback addresses and names that resolve only to loopback (localhost). */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
