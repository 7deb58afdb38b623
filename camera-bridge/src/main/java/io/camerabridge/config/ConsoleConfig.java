package io.camerabridge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The web console on the status server's address ({@code metrics.listen}): {@code GET /} and {@code
 * /api/}.
 *
 * @param enabled whether to serve it (default true; {@code /metrics}, {@code /health} and {@code
 *     /ready} are served either way)
 * @param publicAccess {@code public: true} serves the console without authentication on an address
 *     other than loopback; product images are confidential, so this must be said in so many words
 *     (default false)
 * @param auth who may open the console; required off loopback unless {@code public: true}
 */
public record ConsoleConfig(
    Boolean enabled, @JsonProperty("public") Boolean publicAccess, ConsoleAuthConfig auth) {

  /** Fills in defaults. */
  public ConsoleConfig {
    enabled = enabled == null || enabled;
    publicAccess = publicAccess != null && publicAccess;
  }

  /** The authentication, when configured. */
  public Optional<ConsoleAuthConfig> authentication() {
    return Optional.ofNullable(auth);
  }
}
