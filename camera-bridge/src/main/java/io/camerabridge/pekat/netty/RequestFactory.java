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

  RequestFactory(PekatEndpoint endpoint) {
    this.endpoint = endpoint;
    boolean defaultPort = endpoint.port() == (endpoint.isHttps() ? 443 : 80);
    String host = endpoint.host();
    this.hostHeader = defaultPort ? host : host + ":" + endpoint.port();
    this.optionsQuery =
        options(endpoint.apiKey().map(key -> QueryEncoding.encode(key.reveal())).orElse(null));
    this.redactedOptionsQuery = options(endpoint.apiKey().isPresent() ? Redactor.MASK : null);
  }

  /** {@code analyze_raw_image?width=W&height=H[&bayer]} plus data and the endpoint's options. */
  Target raw(RawFrame frame, String data) {
    String query =
        "width="
            + frame.width()
            + "&height="
            + frame.height()
            + (frame.layout().bayerFlag() ? "&bayer" : "");
    return target("/analyze_raw_image", query, data);
  }

  /** {@code analyze_image} plus data and the endpoint's options. */
  Target image(String data) {
    return target("/analyze_image", "", data);
  }

  /** The head of a POST with a body of {@code contentLength} bytes and no chunking. */
  HttpRequest head(Target target, long contentLength) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.uri);
    request
        .headers()
        .set(HttpHeaderNames.HOST, hostHeader)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
        .set(HttpHeaderNames.CONTENT_LENGTH, contentLength)
        .set(HttpHeaderNames.USER_AGENT, "camera-bridge");
    return request;
  }

  private Target target(String endpointPath, String query, String data) {
    StringBuilder common = new StringBuilder(query);
    if (data != null) {
      appendParam(common, "data=" + QueryEncoding.encode(data));
    }
    String path = endpoint.basePath() + endpointPath;
    String uri = join(path, common, optionsQuery);
    String redacted = join(path, common, redactedOptionsQuery);
    return new Target(uri, redacted);
  }

  private static String join(String path, StringBuilder common, String options) {
    StringBuilder query = new StringBuilder(common);
    appendParam(query, options);
    return query.length() == 0 ? path : path + "?" + query;
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

  /** A request target; {@link #toString()} masks the API key so it can be logged. */
  static final class Target {
    private final String uri;
    private final String redacted;

    private Target(String uri, String redacted) {
      this.uri = uri;
      this.redacted = redacted;
    }

    @Override
    public String toString() {
      return redacted;
    }
  }
}
