package io.camerabridge.config;

import io.camerabridge.pekat.EndpointRules;
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
    checkInstances(path, pekat);
    checkData(CameraValidator.at(path, "data"), pekat.data());
    checkTimeouts(path, pekat);
    ranges.whole(
        CameraValidator.at(path, "maxInFlight"),
        pekat.maxInFlight(),
        1,
        EndpointRules.MAX_IN_FLIGHT,
        "frames");
    if (pekat.busyWait() != null && !pekat.busyWait().isZero()) {
      ranges.duration(
          CameraValidator.at(path, "busyWait"),
          pekat.busyWait(),
          Duration.ofMillis(1),
          Duration.ofSeconds(10));
    }
    boolean bothInRange =
        buffers >= 2 && buffers <= 64 && pekat.maxInFlight() <= EndpointRules.MAX_IN_FLIGHT;
    int instances = Math.max(1, pekat.instances().size());
    if (bothInRange && pekat.maxInFlight() * instances >= buffers) {
      String what =
          instances == 1
              ? "maxInFlight " + pekat.maxInFlight()
              : "maxInFlight "
                  + pekat.maxInFlight()
                  + " times "
                  + instances
                  + " instances ("
                  + pekat.maxInFlight() * instances
                  + ")";
      problems.check(
          CameraValidator.at(path, "maxInFlight"),
          what
              + " must be below the camera's buffers ("
              + buffers
              + "): each frame at the analyzer holds a buffer, and the camera needs one free to"
              + " keep streaming; raise buffers or lower maxInFlight",
          YamlPaths.child(YamlPaths.parent(path), "buffers"));
    }
    ranges.size(
        CameraValidator.at(path, "maxResponseSize"),
        pekat.maxResponseSize(),
        DataSize.ofBytes(EndpointRules.MIN_RESPONSE_BYTES),
        DataSize.ofBytes(EndpointRules.MAX_RESPONSE_BYTES));
    pekat.trustedCa().ifPresent(ca -> checkCa(CameraValidator.at(path, "caFile"), pekat, ca));
  }

  private void checkInstances(String path, PekatConfig pekat) {
    String urlPath = CameraValidator.at(path, "url");
    String urlsPath = CameraValidator.at(path, "urls");
    if (pekat.url() != null && pekat.urls() != null) {
      problems.check(
          urlsPath,
          "set either url (one PEKAT instance) or urls (several), not both: move the url into"
              + " urls or remove urls",
          urlPath);
      return;
    }
    if (pekat.urls() == null) {
      checkUrl(urlPath, pekat.url());
      return;
    }
    if (pekat.urls().isEmpty()) {
      problems.check(
          urlsPath,
          "lists no instance: name at least one, e.g. urls: [\"http://127.0.0.1:8000\"], or use"
              + " url");
      return;
    }
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < pekat.urls().size(); i++) {
      URI u = pekat.urls().get(i);
      String at = urlsPath + "[" + i + "]";
      checkUrl(at, u);
      if (!seen.add(EndpointRules.instanceName(u))) {
        problems.check(
            at,
            "'"
                + EndpointRules.instanceName(u)
                + "' is listed twice: each instance once (its maxInFlight already allows"
                + " several requests)");
      }
    }
  }

  private void checkUrl(String path, URI url) {
    if (url == null) {
      problems.check(
          path, "required: the PEKAT project's address, e.g. url: \"http://127.0.0.1:8000\"");
      return;
    }
    String problem = urlProblem(url, "http://127.0.0.1:8000");
    if (problem != null) {
      problems.check(path, problem);
    }
  }

  /**
   * What is wrong with a PEKAT project's address, as a config message (credentials left out), or
   * null when it is usable. Shared by every key that names a PEKAT project ({@code pekat.url(s)},
   * {@code plc.recipes}).
   */
  static String urlProblem(URI url, String example) {
    String problem = EndpointRules.urlProblem(url);
    if (problem == null) {
      return null;
    }
    return "'"
        + TokenText.withoutCredentials(url.toString())
        + "' "
        + problem
        + ": write the PEKAT project's address, e.g. "
        + example;
  }

  private void checkTimeouts(String path, PekatConfig pekat) {
    String timeoutPath = CameraValidator.at(path, "timeout");
    String connectPath = CameraValidator.at(path, "connectTimeout");
    ranges.duration(
        timeoutPath,
        pekat.timeout(),
        EndpointRules.MIN_REQUEST_TIMEOUT,
        EndpointRules.MAX_REQUEST_TIMEOUT);
    ranges.duration(
        connectPath,
        pekat.connectTimeout(),
        EndpointRules.MIN_CONNECT_TIMEOUT,
        EndpointRules.MAX_CONNECT_TIMEOUT);
    if (!EndpointRules.connectFits(pekat.connectTimeout(), pekat.timeout())) {
      problems.check(
          connectPath,
          "connectTimeout "
              + Durations.format(pekat.connectTimeout())
              + " is longer than timeout "
              + Durations.format(pekat.timeout())
              + ": the request deadline, which includes connecting, would always fire first;"
              + " shorten connectTimeout or raise timeout",
          timeoutPath);
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
    boolean anyHttps =
        pekat.instances().stream().anyMatch(u -> "https".equalsIgnoreCase(u.getScheme()));
    if (!pekat.instances().isEmpty() && !anyHttps) {
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
