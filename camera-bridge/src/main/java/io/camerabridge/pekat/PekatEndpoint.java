package io.camerabridge.pekat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One PEKAT project as the client talks to it: where it is, how to ask, and the limits that keep a
 * slow or broken project from stalling a camera. Build one with {@link #builder(URI)}; the defaults
 * follow PEKAT's own clients (20 s analysis timeout, one request in flight).
 *
 * @param baseUrl {@code http://host:port} or {@code https://host:port}, optionally with a path
 *     prefix (a reverse proxy); no query, fragment or user info
 * @param apiKey the project's key for "Secure image analyze", if it runs with one
 * @param responseType what PEKAT returns: the context alone or a PNG plus the context
 * @param contextPlacement where the context travels when a PNG is returned
 * @param requestTimeout deadline for one request, from {@code analyze} to the complete response
 *     (connecting and a retry included); when it passes the connection is closed
 * @param connectTimeout how long a TCP (and TLS) connect may take; at most {@code requestTimeout}
 * @param maxInFlight requests allowed in flight at once; one more frame is dropped, not queued
 * @param idleEviction how long an idle keep-alive connection is kept; keep it below the server's
 *     keep-alive timeout
 * @param maxResponseBytes largest response body accepted; a bigger one is an error, not an OOM
 * @param caFile PEM file with the CA certificate(s) to trust for https instead of the JDK trust
 *     store
 */
public record PekatEndpoint(
    URI baseUrl,
    Optional<ApiKey> apiKey,
    ResponseType responseType,
    ContextPlacement contextPlacement,
    Duration requestTimeout,
    Duration connectTimeout,
    int maxInFlight,
    Duration idleEviction,
    int maxResponseBytes,
    Optional<Path> caFile) {

  /** PEKAT's own SDKs wait 20 s for an analysis. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Every PEKAT client sends one request at a time per project. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1;

  /** Below the keep-alive timeouts of common Python HTTP servers (5 s). */
  public static final Duration DEFAULT_IDLE_EVICTION = Duration.ofSeconds(4);

  /** Room for an annotated PNG of a large colour frame plus its context. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  /** More parallel requests than this is never what a PEKAT project can serve. */
  public static final int MAX_IN_FLIGHT_LIMIT = 64;

  public PekatEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey (use Optional.empty())");
    Objects.requireNonNull(responseType, "responseType");
    Objects.requireNonNull(contextPlacement, "contextPlacement");
    Objects.requireNonNull(caFile, "caFile (use Optional.empty())");
    baseUrl = normalize(baseUrl);
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("idleEviction", idleEviction);
    if (connectTimeout.compareTo(requestTimeout) > 0) {
      throw new IllegalArgumentException(
          "connectTimeout ("
              + connectTimeout
              + ") is longer than requestTimeout ("
              + requestTimeout
              + "): the request deadline would always fire first; shorten connectTimeout");
    }
    if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "maxInFlight must be between 1 and "
              + MAX_IN_FLIGHT_LIMIT
              + ", got "
              + maxInFlight
              + " (1 is what every PEKAT client uses)");
    }
    if (maxResponseBytes < 4096) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be at least 4096 (a context alone can be several KB), got "
              + maxResponseBytes);
    }
    if (caFile.isPresent() && !isHttps(baseUrl)) {
      throw new IllegalArgumentException(
          "caFile "
              + caFile.get()
              + " is set but baseUrl "
              + baseUrl
              + " is plain http; use an https:// URL or drop caFile");
    }
  }

  /** A builder with the defaults above; {@code baseUrl} such as {@code http://10.0.0.5:8000}. */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** Shorthand for {@code builder(URI.create(baseUrl))}. */
  public static Builder builder(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    try {
      return new Builder(URI.create(baseUrl.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "baseUrl '" + baseUrl + "' is not a valid URL: " + e.getMessage(), e);
    }
  }

  /** Whether requests go over TLS. */
  public boolean isHttps() {
    return isHttps(baseUrl);
  }

  /** Host name or address of the project. */
  public String host() {
    return baseUrl.getHost();
  }

  /** TCP port of the project (80/443 when the URL has none). */
  public int port() {
    if (baseUrl.getPort() != -1) {
      return baseUrl.getPort();
    }
    return isHttps() ? 443 : 80;
  }

  /** Path prefix before the endpoint names, without a trailing slash (usually empty). */
  public String basePath() {
    String path = baseUrl.getRawPath();
    return path == null ? "" : path;
  }

  /** A copy with another response type (used by tools that ask for a PNG now and then). */
  public PekatEndpoint withResponseType(ResponseType type) {
    return new PekatEndpoint(
        baseUrl,
        apiKey,
        type,
        contextPlacement,
        requestTimeout,
        connectTimeout,
        maxInFlight,
        idleEviction,
        maxResponseBytes,
        caFile);
  }

  /** Never prints the API key, only whether one is set. */
  @Override
  public String toString() {
    return "PekatEndpoint[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey.isPresent() ? "set(redacted)" : "none")
        + ", responseType="
        + responseType.wireName()
        + ", contextPlacement="
        + contextPlacement
        + ", requestTimeout="
        + requestTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", maxInFlight="
        + maxInFlight
        + ", idleEviction="
        + idleEviction
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", caFile="
        + caFile.map(Path::toString).orElse("none")
        + "]";
  }

  private static boolean isHttps(URI url) {
    return "https".equals(url.getScheme());
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static URI normalize(URI url) {
    String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "baseUrl '"
              + url
              + "' must start with http:// or https://, e.g. http://192.168.1.20:8000");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl '" + url + "' has no host; write it as " + scheme + "://HOST:PORT");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not contain user info (user:password@); PEKAT authenticates with apiKey");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      // The query is where the API key travels, so it must never come from a URL string.
      throw new IllegalArgumentException(
          "baseUrl must not contain a query or fragment; set the API key with apiKey");
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      return new URI(scheme + "://" + url.getRawAuthority() + path);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl '" + url + "' is not a valid URL", e);
    }
  }

  /** Collects endpoint settings; {@link #build()} validates them. */
  public static final class Builder {
    private final URI baseUrl;
    private Optional<ApiKey> apiKey = Optional.empty();
    private ResponseType responseType = ResponseType.CONTEXT;
    private ContextPlacement contextPlacement = ContextPlacement.BODY;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration connectTimeout;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration idleEviction = DEFAULT_IDLE_EVICTION;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Optional<Path> caFile = Optional.empty();

    private Builder(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public Builder apiKey(ApiKey key) {
      this.apiKey = Optional.ofNullable(key);
      return this;
    }

    public Builder responseType(ResponseType type) {
      this.responseType = type;
      return this;
    }

    /** Default {@link ContextPlacement#BODY}: header mode breaks for contexts over ~4 KB. */
    public Builder contextPlacement(ContextPlacement placement) {
      this.contextPlacement = placement;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Default 5 s, or the request timeout when that is shorter. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    public Builder maxInFlight(int max) {
      this.maxInFlight = max;
      return this;
    }

    public Builder idleEviction(Duration idle) {
      this.idleEviction = idle;
      return this;
    }

    public Builder maxResponseBytes(int max) {
      this.maxResponseBytes = max;
      return this;
    }

    public Builder caFile(Path file) {
      this.caFile = Optional.ofNullable(file);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the bad setting and how to fix it
     */
    public PekatEndpoint build() {
      Duration connect = connectTimeout;
      if (connect == null) {
        connect =
            requestTimeout != null && requestTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0
                ? requestTimeout
                : DEFAULT_CONNECT_TIMEOUT;
      }
      return new PekatEndpoint(
          baseUrl,
          apiKey,
          responseType,
          contextPlacement,
          requestTimeout,
          connect,
          maxInFlight,
          idleEviction,
          maxResponseBytes,
          caFile);
    }
  }
}
