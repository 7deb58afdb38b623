package io.camerabridge.config;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a camera's {@code pekat:} section. Never puts the API key in a message. */
final class PekatValidator {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Set<String> PLACEHOLDERS =
      Set.of("camera", "frameId", "sequence", "timestamp");

  private final Problems problems;
  private final Ranges ranges;

  PekatValidator(Problems problems, Ranges ranges) {
    this.problems = problems;
    this.ranges = ranges;
  }

  void validate(String path, PekatConfig pekat, int buffers) {
    checkUrl(CameraValidator.at(path, "url"), pekat.url());
    checkData(CameraValidator.at(path, "data"), pekat.data());
    ranges.duration(
        CameraValidator.at(path, "timeout"),
        pekat.timeout(),
        Duration.ofMillis(100),
        Duration.ofMinutes(10));
    ranges.duration(
        CameraValidator.at(path, "connectTimeout"),
        pekat.connectTimeout(),
        Duration.ofMillis(100),
        Duration.ofMinutes(1));
    ranges.whole(CameraValidator.at(path, "maxInFlight"), pekat.maxInFlight(), 1, 16, "frames");
    if (pekat.busyWait() != null && !pekat.busyWait().isZero()) {
      ranges.duration(
          CameraValidator.at(path, "busyWait"),
          pekat.busyWait(),
          Duration.ofMillis(1),
          Duration.ofSeconds(10));
    }
    boolean bothInRange = buffers >= 2 && buffers <= 64 && pekat.maxInFlight() <= 16;
    if (bothInRange && pekat.maxInFlight() >= buffers) {
      problems.check(
          CameraValidator.at(path, "maxInFlight"),
          "maxInFlight "
              + pekat.maxInFlight()
              + " must be below the camera's buffers ("
              + buffers
              + "): each frame at the analyzer holds a buffer, and the camera needs one free to"
              + " keep streaming; raise buffers or lower maxInFlight",
          YamlPaths.child(YamlPaths.parent(path), "buffers"));
    }
    ranges.size(
        CameraValidator.at(path, "maxResponseSize"),
        pekat.maxResponseSize(),
        DataSize.ofKibibytes(1),
        DataSize.ofGibibytes(1));
    pekat.trustedCa().ifPresent(ca -> checkCa(CameraValidator.at(path, "caFile"), pekat, ca));
  }

  private void checkUrl(String path, URI url) {
    if (url == null) {
      problems.check(
          path, "required: the PEKAT project's address, e.g. url: \"http://127.0.0.1:8000\"");
      return;
    }
    String scheme = url.getScheme();
    String problem = null;
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      problem = "must start with http:// or https://";
    } else if (url.getHost() == null) {
      problem = "has no valid host and port";
    } else if (url.getRawUserInfo() != null) {
      problem = "must not contain a user or password; use apiKey for a secured project";
    } else if (url.getRawQuery() != null || url.getRawFragment() != null) {
      problem =
          "must not have a query (?...) or fragment (#...); camera-bridge adds the query itself";
    } else if (url.getPath() != null && url.getPath().endsWith("analyze_raw_image")) {
      problem = "must not end with /analyze_raw_image (camera-bridge adds the endpoint)";
    }
    if (problem != null) {
      problems.check(
          path,
          "'"
              + TokenText.withoutCredentials(url.toString())
              + "' "
              + problem
              + ": write the PEKAT project's address, e.g. http://127.0.0.1:8000");
    }
  }

  private void checkData(String path, String data) {
    Matcher m = PLACEHOLDER.matcher(data);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        problems.check(
            path,
            "unknown placeholder {"
                + m.group(1)
                + "}: available are {camera}, {frameId} and {timestamp}");
        return;
      }
    }
  }

  private void checkCa(String path, PekatConfig pekat, java.nio.file.Path ca) {
    if (pekat.url() != null && "http".equals(pekat.url().getScheme())) {
      problems.check(
          path,
          "caFile applies only to https URLs: remove it, or use https://",
          CameraValidator.at(YamlPaths.parent(path), "url"));
    } else if (!Files.isReadable(ca)) {
      problems.check(
          path,
          "cannot read " + ca + ": the file does not exist or is not readable by the service user");
    }
  }
}
