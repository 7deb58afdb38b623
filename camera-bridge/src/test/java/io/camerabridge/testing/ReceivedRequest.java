package io.camerabridge.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as an {@link HttpPeer} received it. Header names are lower-cased; {@code body} holds
 * the body bytes read before the answer, {@code bodyPending} the bytes read (and dropped) after it.
 *
 * @param connection 1 for the peer's first accepted connection, 2 for the next, …
 * @param indexOnConnection 1 for a connection's first request, 2 for the next, …
 */
public record ReceivedRequest(
    int connection,
    int indexOnConnection,
    String method,
    String target,
    Map<String, String> headers,
    byte[] body,
    long bodyPending) {

  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  public String rawQuery() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  /** Decoded query parameters in order; a bare flag maps to "". */
  public Map<String, String> query() {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery().isEmpty()) {
      return out;
    }
    for (String part : rawQuery().split("&")) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value =
          eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(name, value);
    }
    return out;
  }
}
