package io.camerabridge.tools.bench;

import java.net.InetSocketAddress;
import java.net.URI;

/** Where the analyzer listens, taken from {@code --url} (a PEKAT project's base URL). */
record AnalyzerAddress(URI baseUri, String host, int port) {

  static AnalyzerAddress parse(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--url '" + url + "' is not a URL; expected e.g. http://127.0.0.1:8000", e);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--url '"
              + url
              + "' must be an http:// URL with a host, e.g. http://127.0.0.1:8000"
              + " (the socket baseline speaks plain HTTP/1.1 only)");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
      throw new IllegalArgumentException(
          "--url '"
              + url
              + "' must be the project's base URL without a path;"
              + " the benchmark appends /analyze_raw_image itself");
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    URI base = URI.create("http://" + uri.getHost() + ":" + port);
    return new AnalyzerAddress(base, uri.getHost(), port);
  }

  InetSocketAddress socketAddress() {
    return new InetSocketAddress(host, port);
  }

  /** The Host header value. */
  String hostHeader() {
    return host + ":" + port;
  }

  URI analyzeUri(FrameShape shape) {
    return baseUri.resolve(shape.analyzeRawPathAndQuery());
  }
}
