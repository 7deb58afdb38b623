package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.ApiKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Removes the API key from any text that may leave the client (log lines, outcome reasons, error
 * bodies and contexts that echo the request URL). Text is always redacted whole and only then
 * shortened: cutting first would leave a key fragment the mask no longer matches.
 */
final class Redactor {
  static final String MASK = "[redacted]";

  private final String raw;
  private final String encoded;
  private final String formEncoded;

  Redactor(Optional<ApiKey> key) {
    this.raw = key.map(ApiKey::reveal).orElse(null);
    this.encoded = raw == null ? null : QueryEncoding.encode(raw);
    this.formEncoded = raw == null ? null : URLEncoder.encode(raw, StandardCharsets.UTF_8);
  }

  /**
   * {@code text} with every occurrence of the key (plain or URL-encoded) masked; the same instance
   * when there is none.
   */
  String redact(String text) {
    if (text == null || raw == null) {
      return text;
    }
    String out = text.replace(raw, MASK);
    if (!encoded.equals(raw)) {
      out = out.replace(encoded, MASK).replace(formEncoded, MASK);
    }
    return out;
  }

  /**
   * {@code text} redacted, control characters shown as {@code ?}, then cut to {@code max}
   * characters (an ellipsis marks the cut): for quoting what a server sent.
   */
  String quote(String text, int max) {
    String safe = redact(text);
    StringBuilder out = new StringBuilder(Math.min(safe.length(), max) + 1);
    for (int i = 0; i < safe.length() && out.length() < max; i++) {
      char c = safe.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (safe.length() > max) {
      out.append('…');
    }
    return out.toString();
  }
}
