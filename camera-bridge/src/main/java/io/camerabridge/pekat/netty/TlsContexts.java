package io.camerabridge.pekat.netty;

import io.camerabridge.pekat.PekatEndpoint;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Client TLS for https endpoints: the JDK's provider, the JDK trust store or a CA file. */
final class TlsContexts {
  private TlsContexts() {}

  /**
   * @return empty for plain http
   * @throws IllegalArgumentException when the CA file cannot be read or is not PEM
   */
  static Optional<SslContext> forEndpoint(PekatEndpoint endpoint) {
    if (!endpoint.isHttps()) {
      return Optional.empty();
    }
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .endpointIdentificationAlgorithm("HTTPS");
    if (endpoint.caFile().isPresent()) {
      Path ca = endpoint.caFile().get();
      if (!Files.isReadable(ca)) {
        throw new IllegalArgumentException(
            "CA file " + ca + " does not exist or is not readable; give a PEM certificate file");
      }
      builder.trustManager(ca.toFile());
    }
    try {
      return Optional.of(builder.build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS for "
              + endpoint.baseUrl()
              + endpoint.caFile().map(ca -> " with CA file " + ca).orElse("")
              + ": "
              + e.getMessage()
              + " (the CA file must hold PEM certificates)",
          e);
    }
  }
}
