package io.camerabridge.console;

import io.camerabridge.config.ConsoleAuthConfig;
import io.camerabridge.config.PasswordHash;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the console. Open on loopback without {@code console.auth}; with a token, a request
 * carries {@code Authorization: Bearer <token>} or the cookie the sign-in page set (an HMAC of the
 * token, so it survives restarts and never reveals the token); with a user, HTTP basic
 * authentication against the PBKDF2 hash. Off loopback without either and without {@code public:
 * true} nothing is allowed (the configuration check refuses that at start already).
 *
 * <p>Verifying a password costs PBKDF2's iterations (~0.1 s), so a verified {@code Authorization}
 * header is remembered (by its SHA-256, at most {@value #REMEMBERED}) and runs on the console's
 * thread, never the status server's event loop.
 */
final class ConsoleAuth {
  static final String COOKIE = "cb_console";
  private static final int REMEMBERED = 64;

  enum Mode {
    OPEN,
    TOKEN,
    BASIC,
    LOCKED
  }

  private final Mode mode;
  private final byte[] token;
  private final String user;
  private final PasswordHash hash;
  private final String cookieValue;
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

  private ConsoleAuth(Mode mode, String token, String user, PasswordHash hash) {
    this.mode = mode;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.user = user;
    this.hash = hash;
    this.cookieValue = token == null ? null : hmac(this.token);
  }

  /**
   * @param auth the configured authentication, if any
   * @param loopback whether the server listens on loopback only
   * @param publicAccess {@code console.public}
   */
  static ConsoleAuth of(Optional<ConsoleAuthConfig> auth, boolean loopback, boolean publicAccess) {
    if (auth.isPresent()) {
      ConsoleAuthConfig a = auth.get();
      if (a.isToken()) {
        return new ConsoleAuth(Mode.TOKEN, a.token().strip(), null, null);
      }
      PasswordHash h = PasswordHash.parse(a.passwordHash()).orElse(null);
      return h == null ? locked() : new ConsoleAuth(Mode.BASIC, null, a.user(), h);
    }
    return loopback || publicAccess ? new ConsoleAuth(Mode.OPEN, null, null, null) : locked();
  }

  private static ConsoleAuth locked() {
    return new ConsoleAuth(Mode.LOCKED, null, null, null);
  }

  Mode mode() {
    return mode;
  }

  /** Whether the request may see the console. */
  boolean allows(ConsoleRequest request) {
    return switch (mode) {
      case OPEN -> true;
      case LOCKED -> false;
      case TOKEN ->
          bearerMatches(request.header(HttpHeaderNames.AUTHORIZATION))
              || cookieMatches(request.cookie());
      case BASIC -> basicMatches(request.header(HttpHeaderNames.AUTHORIZATION));
    };
  }

  /** The sign-in form's token: when right, the cookie value to set. */
  Optional<String> signIn(String formBody) {
    if (mode != Mode.TOKEN || formBody == null) {
      return Optional.empty();
    }
    List<String> given =
        new QueryStringDecoder("?" + formBody).parameters().getOrDefault("token", List.of());
    if (given.size() == 1 && equal(given.get(0).strip().getBytes(StandardCharsets.UTF_8), token)) {
      return Optional.of(cookieValue);
    }
    return Optional.empty();
  }

  private boolean bearerMatches(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return equal(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token);
  }

  private boolean cookieMatches(String header) {
    if (header == null) {
      return false;
    }
    for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
      if (c.name().equals(COOKIE)
          && equal(
              c.value().getBytes(StandardCharsets.UTF_8),
              cookieValue.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return false;
  }

  private boolean basicMatches(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String key = sha256(header);
    if (verified.containsKey(key)) {
      return true;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0 || !decoded.substring(0, colon).equals(user)) {
      return false;
    }
    if (!hash.matches(decoded.substring(colon + 1).toCharArray())) {
      return false;
    }
    if (verified.size() >= REMEMBERED) {
      verified.clear();
    }
    verified.put(key, Boolean.TRUE);
    return true;
  }

  private static boolean equal(byte[] a, byte[] b) {
    return b != null && MessageDigest.isEqual(a, b);
  }

  private static String hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal("camera-bridge console session v1".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ConsoleAuth[" + mode + "]";
  }
}
