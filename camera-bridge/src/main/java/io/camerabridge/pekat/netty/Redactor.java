package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.ApiKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Removes the API key from any text that may leave the client (log lines, outcome reasons, error
 * bodies that echo the request URL).
 */
final class Redactor {
  static final String MASK = "[redacted]";

  private final String raw;
  private final String encoded;

  Redactor(Optional<ApiKey> key) {
    this.raw = key.map(ApiKey::reveal).orElse(null);
    this.encoded = raw == null ? null : QueryEncoding.encode(raw);
  }

  /** {@code text} with every occurrence of the key (plain or URL-encoded) masked. */
  String redact(String text) {
    if (text == null || raw == null) {
      return text;
    }
    String out = text.replace(raw, MASK);
    if (!encoded.equals(raw)) {
      out = out.replace(encoded, MASK);
      String formEncoded = URLEncoder.encode(raw, StandardCharsets.UTF_8);
      out = out.replace(formEncoded, MASK);
    }
    return out;
  }
}
