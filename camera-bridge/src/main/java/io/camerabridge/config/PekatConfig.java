package io.camerabridge.config;

import io.camerabridge.pekat.ApiKey;
import io.camerabridge.pekat.ContextPlacement;
import io.camerabridge.pekat.EndpointRules;
import io.camerabridge.pekat.ResponseType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PEKAT VISION project a camera's frames go to.
 *
 * @param url base URL of the project, {@code http(s)://host:port}; camera-bridge adds {@code
 *     /analyze_raw_image}. Exactly one of {@code url} and {@code urls} is required
 * @param urls several instances of the same project (one PEKAT per port or GPU); each frame goes to
 *     the one with the fewest requests in flight; every other setting applies to each
 * @param apiKey the project's API key, or null when the project is not secured; redacted in every
 *     text
 * @param responseType what PEKAT returns (default {@code context})
 * @param contextPlacement where PEKAT puts the context next to an image; default {@code body} for
 *     image response types (no 4 KB header limit) and {@code header} for {@code context}, where it
 *     does not matter
 * @param data the {@code data} query parameter; {@code {camera}}, {@code {frameId}}, {@code
 *     {sequence}} and {@code {timestamp}} are replaced per frame (default {@value #DEFAULT_DATA})
 * @param timeout the whole request, from first byte written to last byte read (default 5s)
 * @param connectTimeout TCP connect (default 2s, or {@code timeout} when that is shorter); longer
 *     than {@code timeout} is a configuration error
 * @param maxInFlight frames at the analyzer at once, 1..16 (default 1); more are dropped
 * @param busyWait how long a complete frame may wait for one of the {@code maxInFlight} slots
 *     before it is dropped as {@code analyzer_busy}; null = the camera's default ({@link
 *     CameraConfig#busyWait()})
 * @param maxResponseSize largest response accepted (default 16MiB)
 * @param caFile PEM file with the CA that signed the server's certificate, for https with a private
 *     CA; null uses the JVM's trust store
 * @param retryOnOtherInstance whether a frame whose instance failed mid-request is sent once more
 *     to another ready instance when the verdict deadline allows (default false: the part may have
 *     passed)
 */
public record PekatConfig(
    URI url,
    List<URI> urls,
    ApiKey apiKey,
    ResponseType responseType,
    ContextPlacement contextPlacement,
    String data,
    Duration timeout,
    Duration connectTimeout,
    Integer maxInFlight,
    Duration busyWait,
    DataSize maxResponseSize,
    Path caFile,
    Boolean retryOnOtherInstance) {

  /** Default {@code data} template. */
  public static final String DEFAULT_DATA = "{camera}/{frameId}/{timestamp}";

  /** Fills in defaults: the client's own ({@link EndpointRules}), so both sides agree. */
  public PekatConfig {
    responseType = responseType == null ? ResponseType.CONTEXT : responseType;
    if (contextPlacement == null) {
      contextPlacement = EndpointRules.defaultContextPlacement(responseType);
    }
    data = data == null ? DEFAULT_DATA : data;
    timeout = timeout == null ? EndpointRules.DEFAULT_REQUEST_TIMEOUT : timeout;
    connectTimeout =
        connectTimeout == null ? EndpointRules.defaultConnectTimeout(timeout) : connectTimeout;
    maxInFlight = maxInFlight == null ? EndpointRules.DEFAULT_MAX_IN_FLIGHT : maxInFlight;
    urls =
        urls == null
            ? null
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(urls));
    retryOnOtherInstance = retryOnOtherInstance != null && retryOnOtherInstance;
    maxResponseSize =
        maxResponseSize == null
            ? DataSize.ofBytes(EndpointRules.DEFAULT_MAX_RESPONSE_BYTES)
            : maxResponseSize;
  }

  /**
   * The analyzer instances: {@code url} alone, or every entry of {@code urls}; empty when neither
   * is set (a configuration error).
   */
  public List<URI> instances() {
    if (url != null) {
      return List.of(url);
    }
    return urls == null ? List.of() : urls;
  }

  /** The API key, when the project is secured. */
  public Optional<ApiKey> key() {
    return Optional.ofNullable(apiKey);
  }

  /** The CA file, when one is configured. */
  public Optional<Path> trustedCa() {
    return Optional.ofNullable(caFile);
  }
}
