package io.camerabridge.plc.opcua;

import io.camerabridge.config.Secret;
import io.camerabridge.ops.logging.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.AbstractUsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.DefaultUsernameIdentity;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.slf4j.LoggerFactory;

/**
 * The {@code plc.opcua.users}: a user name and password must match one entry. Every entry is
 * compared, each through a SHA-256 digest with {@link MessageDigest#isEqual}, so the time taken
 * tells an attacker neither which part was wrong nor how much of it was right. Passwords are never
 * logged; a refused login is logged with the user name (rate-limited) and counted.
 */
final class ConfiguredUsers extends AbstractUsernameIdentityValidator {
  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(ConfiguredUsers.class));

  private final List<byte[][]> digests;
  private final OpcUaMeters meters;

  ConfiguredUsers(Map<String, Secret> users, OpcUaMeters meters) {
    this.digests =
        users.entrySet().stream()
            .map(e -> new byte[][] {sha256(e.getKey()), sha256(e.getValue().reveal())})
            .toList();
    this.meters = meters;
  }

  @Override
  protected Identity.UsernameIdentity authenticateUsernamePassword(
      Session session, String username, String password) {
    byte[] name = sha256(username == null ? "" : username);
    byte[] secret = sha256(password == null ? "" : password);
    boolean match = false;
    for (byte[][] user : digests) {
      match |= MessageDigest.isEqual(user[0], name) & MessageDigest.isEqual(user[1], secret);
    }
    meters.login(match);
    if (!match) {
      LOG.warn(
          "login",
          "OPC UA login refused: wrong user name or password for user '{}' from {}",
          username,
          session.getClientAddress());
      return null;
    }
    return new DefaultUsernameIdentity(username);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
