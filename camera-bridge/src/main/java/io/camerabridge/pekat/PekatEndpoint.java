package io.camerabridge.pekat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One PEKAT project as the client talks to it: where it is, how to ask, and the limits that keep a
 * slow or broken project from stalling a camera. Build one with {@link #builder(URI)}; defaults and
 * limits are {@link EndpointRules}, the same the configuration check applies.
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

  public PekatEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey (use Optional.empty())");
    Objects.requireNonNull(responseType, "responseType");
    Objects.requireNonNull(contextPlacement, "contextPlacement");
    Objects.requireNonNull(caFile, "caFile (use Optional.empty())");
    baseUrl = normalize(baseUrl);
    requireWithin(
        "requestTimeout",
        requestTimeout,
        EndpointRules.MIN_REQUEST_TIMEOUT,
        EndpointRules.MAX_REQUEST_TIMEOUT);
    requireWithin(
        "connectTimeout",
        connectTimeout,
        EndpointRules.MIN_CONNECT_TIMEOUT,
        EndpointRules.MAX_CONNECT_TIMEOUT);
    requirePositive("idleEviction", idleEviction);
    if (!EndpointRules.connectFits(connectTimeout, requestTimeout)) {
      throw new IllegalArgumentException(
          "connectTimeout ("
              + connectTimeout
              + ") is longer than requestTimeout ("
              + requestTimeout
              + "): the request deadline would always fire first; shorten connectTimeout");
    }
    if (maxInFlight < 1 || maxInFlight > EndpointRules.MAX_IN_FLIGHT) {
      throw new IllegalArgumentException(
          "maxInFlight must be between 1 and "
              + EndpointRules.MAX_IN_FLIGHT
              + ", got "
              + maxInFlight
              + " (1 is what every PEKAT client uses)");
    }
    if (maxResponseBytes < EndpointRules.MIN_RESPONSE_BYTES
        || maxResponseBytes > EndpointRules.MAX_RESPONSE_BYTES) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be between "
              + EndpointRules.MIN_RESPONSE_BYTES
              + " (a context alone can be several KB) and "
              + EndpointRules.MAX_RESPONSE_BYTES
              + ", got "
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

  private static void requireWithin(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static URI normalize(URI url) {
    String problem = EndpointRules.urlProblem(url);
    if (problem != null) {
      throw new IllegalArgumentException("baseUrl '" + shown(url) + "' " + problem);
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
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

  /** The URL without user info, query or fragment, where a key or password may be. */
  private static String shown(URI url) {
    if (url.getRawUserInfo() == null && url.getRawQuery() == null && url.getRawFragment() == null) {
      return url.toString();
    }
    return (url.getScheme() == null ? "" : url.getScheme() + "://")
        + (url.getHost() == null ? "" : url.getHost())
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** Collects endpoint settings; {@link #build()} validates them. */
  public static final class Builder {
    private final URI baseUrl;
    private Optional<ApiKey> apiKey = Optional.empty();
    private ResponseType responseType = ResponseType.CONTEXT;
    private ContextPlacement contextPlacement;
    private Duration requestTimeout = EndpointRules.DEFAULT_REQUEST_TIMEOUT;
    private Duration connectTimeout;
    private int maxInFlight = EndpointRules.DEFAULT_MAX_IN_FLIGHT;
    private Duration idleEviction = EndpointRules.DEFAULT_IDLE_EVICTION;
    private int maxResponseBytes = EndpointRules.DEFAULT_MAX_RESPONSE_BYTES;
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

    /** Default {@link EndpointRules#defaultContextPlacement}. */
    public Builder contextPlacement(ContextPlacement placement) {
      this.contextPlacement = placement;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Default {@link EndpointRules#defaultConnectTimeout}; longer than the request is refused. */
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
      Duration connect =
          connectTimeout != null
              ? connectTimeout
              : EndpointRules.defaultConnectTimeout(requestTimeout);
      ContextPlacement placement =
          contextPlacement != null || responseType == null
              ? contextPlacement
              : EndpointRules.defaultContextPlacement(responseType);
      return new PekatEndpoint(
          baseUrl,
          apiKey,
          responseType,
          placement,
          requestTimeout,
          connect,
          maxInFlight,
          idleEviction,
          maxResponseBytes,
          caFile);
    }
  }
}
