package io.camerabridge.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A console password stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in
 * Base64 without padding): PBKDF2 with HMAC-SHA256, from the JDK, so no dependency is needed.
 *
 * @param iterations PBKDF2 iterations (at least {@value #MIN_ITERATIONS})
 * @param salt the random salt
 * @param hash the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  public static final String PREFIX = "pbkdf2-sha256";
  public static final int MIN_ITERATIONS = 100_000;
  public static final int DEFAULT_ITERATIONS = 310_000;
  private static final int KEY_BITS = 256;

  /** Hashes a new password with a fresh salt. */
  public static PasswordHash create(char[] password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
  }

  /** Parses the stored form; empty when it is not one. */
  public static Optional<PasswordHash> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.strip().split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return Optional.empty();
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] salt = b64.decode(parts[2]);
      byte[] hash = b64.decode(parts[3]);
      if (iterations < 1 || salt.length < 8 || hash.length < 16) {
        return Optional.empty();
      }
      return Optional.of(new PasswordHash(iterations, salt, hash));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code password} is the one hashed here (constant-time comparison). */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The stored form. */
  public String encoded() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p
        && p.iterations == iterations
        && Arrays.equals(p.salt, salt)
        && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return 31 * iterations + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "PasswordHash[<redacted>]";
  }
}
