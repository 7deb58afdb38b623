package io.camerabridge.analyzers;

import io.camerabridge.pekat.PekatEndpoint;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEKAT's side endpoints, {@code GET /ping} and {@code GET /version}, asked off the frame path on
 * the JDK's HTTP client (its own threads; a probe that hangs is bounded by its timeout). Both carry
 * the project's {@code api_key} when it has one, as frames do: PEKAT's "Secure image analyze" asks
 * for it on every request (../shared/pekat-api.md), and a server that does not need it ignores it.
 * The URI with the key is never logged: a failed probe is only "not up".
 */
final class Probe {
  /** The vendor clients give ping 5 s; ours is shorter so a dead instance is retried sooner. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final int MAX_VERSION_CHARS = 40;

  private final URI base;
  private final HttpClient http;

  /** {@code ?api_key=...} already URL-encoded, or empty; never part of a message. */
  private final String keyQuery;

  Probe(PekatEndpoint endpoint) {
    this.base = endpoint.baseUrl();
    this.keyQuery =
        endpoint
            .apiKey()
            .map(k -> "?api_key=" + URLEncoder.encode(k.reveal(), StandardCharsets.UTF_8))
            .orElse("");
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(endpoint.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1);
    endpoint.caFile().ifPresent(ca -> b.sslContext(trusting(ca)));
    this.http = b.build();
  }

  /** Completes with true when {@code /ping} answered 200; never exceptionally. */
  CompletableFuture<Boolean> ping() {
    return get("ping").thenApply(r -> r.map(x -> x.statusCode() == 200).orElse(false));
  }

  /** What {@code /version} answers (first line, shortened), or "unknown"; never exceptionally. */
  CompletableFuture<String> version() {
    return get("version")
        .thenApply(
            r ->
                r.filter(x -> x.statusCode() == 200)
                    .map(x -> firstLine(x.body()))
                    .orElse("unknown"));
  }

  private CompletableFuture<Optional<HttpResponse<String>>> get(String path) {
    String b = base.toString();
    URI uri = URI.create((b.endsWith("/") ? b + path : b + "/" + path) + keyQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(Optional::of)
          .exceptionally(e -> Optional.empty());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private static String firstLine(String body) {
    String line = body.strip().lines().findFirst().orElse("");
    line = line.replaceAll("[^\\x20-\\x7e]", "?");
    return line.length() > MAX_VERSION_CHARS ? line.substring(0, MAX_VERSION_CHARS) : line;
  }

  /** Trusts exactly the certificates of a PEM file, as the analysis client does. */
  private static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the CA file " + pem + ": " + e, e);
    }
  }
}
