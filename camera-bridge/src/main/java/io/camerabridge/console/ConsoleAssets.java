package io.camerabridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The console's page, shipped in the jar under {@code /console/}: plain HTML, CSS and JavaScript,
 * no build step, nothing from another origin. Only these names are served, so a path can never
 * reach another resource.
 */
final class ConsoleAssets {
  /** A file and its content type. */
  record Asset(byte[] bytes, String type) {}

  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/login", "login.html",
          "/console.css", "console.css",
          "/console.js", "console.js",
          "/login.js", "login.js");

  private final Map<String, Asset> assets;

  ConsoleAssets() {
    this.assets =
        FILES.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> load(e.getValue())));
  }

  Optional<Asset> get(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  static boolean isAsset(String path) {
    return FILES.containsKey(path);
  }

  private static Asset load(String name) {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "console resource /console/" + name + " is missing from the jar");
      }
      return new Asset(in.readAllBytes(), type(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }
}
