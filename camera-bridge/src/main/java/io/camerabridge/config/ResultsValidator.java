package io.camerabridge.config;

import io.camerabridge.pekat.ResponseType;
import java.nio.file.Path;

/** Checks a camera's {@code results:} section. */
final class ResultsValidator {
  private final Problems problems;
  private final Ranges ranges;

  ResultsValidator(Problems problems) {
    this.problems = problems;
    this.ranges = new Ranges(problems);
  }

  void validate(String path, ResultsConfig results, PekatConfig pekat) {
    absolute(
        CameraValidator.at(path, "journal"),
        results.journal(),
        "/var/lib/camera-bridge/line1-top.jsonl");
    ranges.size(
        CameraValidator.at(path, "journalMaxSize"),
        results.journalMaxSize(),
        DataSize.ofMebibytes(1),
        DataSize.ofGibibytes(100));
    ranges.whole(
        CameraValidator.at(path, "journalKeep"), results.journalKeep(), 0, 1000, "rotated files");
    results
        .saveNgFrames()
        .ifPresent(ng -> checkSaveNg(CameraValidator.at(path, "saveNg"), ng, pekat));
  }

  private void checkSaveNg(String path, SaveNgConfig ng, PekatConfig pekat) {
    String dir = CameraValidator.at(path, "dir");
    if (ng.dir() == null) {
      problems.check(dir, "required: the directory for NG images, e.g. /var/lib/camera-bridge/ng");
    } else {
      absolute(dir, ng.dir(), "/var/lib/camera-bridge/ng");
    }
    ranges.size(
        CameraValidator.at(path, "maxDisk"),
        ng.maxDisk(),
        DataSize.ofMebibytes(1),
        DataSize.ofBytes(Long.MAX_VALUE));
    if (ng.image() == NgImage.ANNOTATED && pekat.responseType() != ResponseType.ANNOTATED_IMAGE) {
      String responseType =
          YamlPaths.child(YamlPaths.parent(YamlPaths.parent(path)), "pekat.responseType");
      problems.check(
          CameraValidator.at(path, "image"),
          "image: annotated needs the annotated picture from PEKAT: set pekat.responseType:"
              + " annotated_image, or use image: raw",
          responseType);
    }
  }

  private void absolute(String path, Path file, String example) {
    if (file != null && !file.isAbsolute()) {
      problems.check(
          path,
          "'"
              + file
              + "' is a relative path, which would depend on the working directory: write"
              + " an absolute path such as "
              + example);
    }
  }
}
