package io.camerabridge.console;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera's NG images on disk ({@code results.saveNg.dir}), as the console lists and serves them.
 * A requested name can never leave the directory: it must look exactly like a file the saver writes
 * ({@code <camera>-<utc time>-<frameId>.png}, no separators, no dots but the extension), must be a
 * regular file and not a symbolic link, and its real parent must be the real directory.
 */
final class NgFiles {
  static final int MAX_LISTED = 100;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Pattern name;

  /** One NG image on disk. */
  record NgFile(String file, Instant time, long frameId, long bytes) {}

  NgFiles(Path dir, String cameraId) {
    this.dir = dir.toAbsolutePath().normalize();
    this.name =
        Pattern.compile(Pattern.quote(cameraId) + "-(\\d{8}T\\d{6}\\.\\d{3}Z)-(\\d{1,20})\\.png");
  }

  /** The newest images first, at most {@value #MAX_LISTED}. */
  List<NgFile> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<NgFile> found = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.png")) {
      for (Path p : stream) {
        parse(p.getFileName().toString()).flatMap(f -> withSize(p, f)).ifPresent(found::add);
      }
    }
    found.sort(Comparator.comparing(NgFile::time).thenComparing(NgFile::frameId).reversed());
    return found.size() > MAX_LISTED ? List.copyOf(found.subList(0, MAX_LISTED)) : found;
  }

  /**
   * The file for a name taken from a URL path segment (already percent-decoded), if it is one of
   * this camera's NG images.
   */
  Optional<Path> resolve(String requested) throws IOException {
    if (requested == null || parse(requested).isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.resolve(requested).normalize();
    if (!dir.equals(file.getParent())) {
      return Optional.empty();
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!attrs.isRegularFile() || !file.getParent().toRealPath().equals(dir.toRealPath())) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  Optional<NgFile> parse(String fileName) {
    Matcher m = name.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Instant time = Instant.from(STAMP.parse(m.group(1)));
      return Optional.of(new NgFile(fileName, time, Long.parseUnsignedLong(m.group(2)), 0));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<NgFile> withSize(Path p, NgFile f) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile()
          ? Optional.of(new NgFile(f.file(), f.time(), f.frameId(), a.size()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
