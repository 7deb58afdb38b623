package io.camerabridge.pekat;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The one definition of a PEKAT endpoint's defaults, limits and URL rules. {@link PekatEndpoint}
 * enforces them when a client is built (an exception), and the configuration check applies the same
 * values to the YAML (an error with FILE:LINE:COL), so a file that passes {@code check-config}
 * always builds a client, and a client built in code gets the service's defaults.
 */
public final class EndpointRules {

  /** Request deadline unless configured: a PEKAT analysis takes milliseconds, not seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  public static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  /** TCP connect unless configured, or the request timeout when that is shorter. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(1);

  /** Every PEKAT client sends one request at a time per project. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1;

  /** More parallel requests than this is never what a PEKAT project can serve. */
  public static final int MAX_IN_FLIGHT = 16;

  /** Room for an annotated PNG of a 5 MP colour frame plus its context. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  /** A context alone can be several KB. */
  public static final int MIN_RESPONSE_BYTES = 4 * 1024;

  public static final int MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;

  /** Below the keep-alive timeouts of common Python HTTP servers (5 s). */
  public static final Duration DEFAULT_IDLE_EVICTION = Duration.ofSeconds(4);

  /** The endpoint the client appends to the base URL itself. */
  public static final String RAW_ENDPOINT = "analyze_raw_image";

  private EndpointRules() {}

  /**
   * Where the context travels unless configured: in the body next to a PNG (the header breaks for
   * contexts over ~4 KB), and PEKAT's default (no flag is sent) when only the context comes back.
   */
  public static ContextPlacement defaultContextPlacement(ResponseType responseType) {
    return responseType.returnsImage() ? ContextPlacement.BODY : ContextPlacement.HEADER;
  }

  /** The connect timeout when none is set: the default, or {@code requestTimeout} if shorter. */
  public static Duration defaultConnectTimeout(Duration requestTimeout) {
    return requestTimeout != null && requestTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0
        ? requestTimeout
        : DEFAULT_CONNECT_TIMEOUT;
  }

  /** Whether a connect timeout fits the request's: the request deadline would fire first. */
  public static boolean connectFits(Duration connectTimeout, Duration requestTimeout) {
    return connectTimeout.compareTo(requestTimeout) <= 0;
  }

  /**
   * Why {@code url} cannot be a project's base URL, as a phrase to follow the URL ("must start with
   * http:// or https://"), or null when it can. Never repeats the URL (it may hold a key).
   */
  public static String urlProblem(URI url) {
    String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      return "must start with http:// or https://";
    }
    if (url.getHost() == null) {
      return "has no valid host and port";
    }
    if (url.getRawUserInfo() != null) {
      return "must not contain a user or password; use apiKey for a secured project";
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      // The query is where the API key travels, so it must never come from a URL string.
      return "must not have a query (?...) or fragment (#...); camera-bridge adds the query"
          + " itself";
    }
    String path = url.getPath() == null ? "" : url.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(RAW_ENDPOINT)) {
      return "must not end with /" + RAW_ENDPOINT + " (camera-bridge adds the endpoint)";
    }
    return null;
  }

  /**
   * An instance's name for metric tags, logs and the journal: {@code host:port}, with the scheme's
   * default port when the URL has none. Never holds a path, query or credentials.
   */
  public static String instanceName(URI url) {
    int port = url.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
    String host = url.getHost() == null ? "?" : url.getHost();
    return host + ":" + port;
  }
}
