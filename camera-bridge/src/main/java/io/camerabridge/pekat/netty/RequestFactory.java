package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.ContextPlacement;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Builds request targets and heads for one endpoint. The target carries the API key, so it is
 * passed around as {@link Target}, whose {@code toString()} is redacted.
 */
final class RequestFactory {
  private final PekatEndpoint endpoint;
  private final String hostHeader;
  private final String optionsQuery;
  private final String redactedOptionsQuery;
  private final String rawPath;
  private final String imagePath;

  /** The target of the last frame sent without data; shared by every thread that sends. */
  private volatile Target lastRaw;

  private volatile Head lastHead;

  RequestFactory(PekatEndpoint endpoint) {
    this.endpoint = endpoint;
    boolean defaultPort = endpoint.port() == (endpoint.isHttps() ? 443 : 80);
    String host = endpoint.host();
    this.hostHeader = defaultPort ? host : host + ":" + endpoint.port();
    this.optionsQuery =
        options(endpoint.apiKey().map(key -> QueryEncoding.encode(key.reveal())).orElse(null));
    this.redactedOptionsQuery = options(endpoint.apiKey().isPresent() ? Redactor.MASK : null);
    this.rawPath = endpoint.basePath() + "/analyze_raw_image";
    this.imagePath = endpoint.basePath() + "/analyze_image";
  }

  /** {@code analyze_raw_image?width=W&height=H[&bayer]} plus data and the endpoint's options. */
  Target raw(RawFrame frame, String data) {
    boolean bayer = frame.layout().bayerFlag();
    if (data == null) {
      // Without data the target depends only on the frame's shape, which a camera keeps for good.
      Target cached = lastRaw;
      if (cached != null && cached.matches(frame.width(), frame.height(), bayer)) {
        return cached;
      }
    }
    StringBuilder query = new StringBuilder(32).append("width=").append(frame.width());
    query.append("&height=").append(frame.height());
    if (bayer) {
      query.append("&bayer");
    }
    Target target = target(rawPath, query, data, frame.width(), frame.height(), bayer);
    if (data == null) {
      lastRaw = target;
    }
    return target;
  }

  /** {@code analyze_image} plus data and the endpoint's options. */
  Target image(String data) {
    return target(imagePath, new StringBuilder(), data, -1, -1, false);
  }

  /**
   * The head of a POST with a body of {@code contentLength} bytes and no chunking. Heads are
   * immutable once built (the encoder only reads them), so the head of a repeated (target, length)
   * pair is reused.
   */
  HttpRequest head(Target target, long contentLength) {
    Head cached = lastHead;
    if (cached != null && cached.target == target && cached.contentLength == contentLength) {
      return cached.request;
    }
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.uri);
    request
        .headers()
        .set(HttpHeaderNames.HOST, hostHeader)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
        .set(HttpHeaderNames.CONTENT_LENGTH, contentLength)
        .set(HttpHeaderNames.USER_AGENT, "camera-bridge");
    lastHead = new Head(target, contentLength, request);
    return request;
  }

  private Target target(
      String path, StringBuilder query, String data, int width, int height, boolean bayer) {
    if (data != null) {
      appendParam(query, "data=" + QueryEncoding.encode(data));
    }
    String common = query.toString();
    return new Target(join(path, common, optionsQuery), path, common, width, height, bayer);
  }

  private String redacted(Target target) {
    return join(target.path, target.common, redactedOptionsQuery);
  }

  private static String join(String path, String common, String options) {
    StringBuilder query = new StringBuilder(path.length() + common.length() + options.length() + 2);
    query.append(path);
    if (!common.isEmpty() || !options.isEmpty()) {
      query.append('?').append(common);
      if (!common.isEmpty() && !options.isEmpty()) {
        query.append('&');
      }
      query.append(options);
    }
    return query.toString();
  }

  /** The endpoint's own parameters; {@code apiKeyParam} is already encoded (or the mask). */
  private String options(String apiKeyParam) {
    StringBuilder query = new StringBuilder();
    if (apiKeyParam != null) {
      appendParam(query, "api_key=" + apiKeyParam);
    }
    appendParam(query, "response_type=" + endpoint.responseType().wireName());
    if (endpoint.responseType().returnsImage()
        && endpoint.contextPlacement() == ContextPlacement.BODY) {
      appendParam(query, "context_in_body");
    }
    return query.toString();
  }

  private static void appendParam(StringBuilder query, String param) {
    if (param.isEmpty()) {
      return;
    }
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(param);
  }

  private record Head(Target target, long contentLength, HttpRequest request) {}

  /**
   * A request target; {@link #toString()} masks the API key so it can be logged. Immutable, so one
   * instance may serve every request of the same frame shape.
   */
  final class Target {
    private final String uri;
    private final String path;
    private final String common;
    private final int width;
    private final int height;
    private final boolean bayer;

    private Target(String uri, String path, String common, int width, int height, boolean bayer) {
      this.uri = uri;
      this.path = path;
      this.common = common;
      this.width = width;
      this.height = height;
      this.bayer = bayer;
    }

    private boolean matches(int width, int height, boolean bayer) {
      return this.width == width && this.height == height && this.bayer == bayer;
    }

    @Override
    public String toString() {
      // Built when logged, not per request.
      return redacted(this);
    }
  }
}
