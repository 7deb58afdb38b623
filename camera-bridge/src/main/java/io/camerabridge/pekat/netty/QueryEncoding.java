package io.camerabridge.pekat.netty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of query values. */
final class QueryEncoding {
  private QueryEncoding() {}

  /**
   * Encodes a query value as UTF-8 percent-escapes. Spaces become {@code %20}, not {@code +}, so
   * servers that do not treat {@code +} as a space still see the text the caller gave.
   */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
