package io.camerabridge.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves that no two outputs of the service are one file on disk: every journal with each of its
 * rotated names ({@code a.jsonl.1} … {@code a.jsonl.<journalKeep>}), and every NG directory.
 *
 * <p>Paths are compared as the file system will resolve them, not as written: {@code ./a.jsonl},
 * {@code x/../a.jsonl} and a path through a symbolic link to the same directory are one file. Two
 * cameras may share an NG directory: each camera's files carry its id and the disk cap counts only
 * names that match that id exactly.
 */
final class OutputPaths {
  private final Problems problems;

  OutputPaths(Problems problems) {
    this.problems = problems;
  }

  /** One file or directory the service will write, and the YAML path that configures it. */
  private record Claim(Path file, int camera, String yamlPath, String what) {}

  void validate(List<CameraConfig> cameras) {
    List<Claim> journals = new ArrayList<>();
    List<Claim> ngDirs = new ArrayList<>();
    for (int i = 0; i < cameras.size(); i++) {
      CameraConfig camera = cameras.get(i);
      if (camera == null) {
        continue;
      }
      String at = YamlPaths.element("cameras", i);
      ResultsConfig results = camera.results();
      if (results.journal() != null && results.journal().isAbsolute()) {
        String path = YamlPaths.child(at, "results.journal");
        Path journal = resolved(results.journal());
        journals.add(new Claim(journal, i, path, "journal"));
        for (int n = 1; n <= results.journalKeep(); n++) {
          Path rotated = journal.resolveSibling(journal.getFileName() + "." + n);
          journals.add(new Claim(rotated, i, path, "rotated journal"));
        }
      }
      SaveNgConfig ng = results.saveNgFrames().orElse(null);
      if (ng != null && ng.dir() != null && ng.dir().isAbsolute()) {
        ngDirs.add(
            new Claim(
                resolved(ng.dir()),
                i,
                YamlPaths.child(at, "results.saveNg.dir"),
                "NG image directory"));
      }
    }
    Map<Path, Claim> owners = checkJournalsDistinct(journals);
    checkJournalsOutsideNgDirs(owners.values(), ngDirs);
  }

  /** Reports files claimed by two cameras; returns each file with its first claim. */
  private Map<Path, Claim> checkJournalsDistinct(List<Claim> journals) {
    Map<Path, Claim> owners = new LinkedHashMap<>();
    Set<List<Integer>> reported = new HashSet<>();
    for (Claim claim : journals) {
      // Claims come in camera order, so the owner found is always the earlier camera.
      Claim first = owners.putIfAbsent(claim.file(), claim);
      if (first != null
          && first.camera() != claim.camera()
          && reported.add(List.of(first.camera(), claim.camera()))) {
        report(
            claim,
            first,
            "is the same file as",
            "two cameras writing one file would interleave, rotate or delete each other's lines");
      }
    }
    return owners;
  }

  /** A journal cannot be an NG directory, nor a directory above one. */
  private void checkJournalsOutsideNgDirs(Collection<Claim> journals, List<Claim> ngDirs) {
    for (Claim dir : ngDirs) {
      for (Claim journal : journals) {
        if (dir.file().startsWith(journal.file())) {
          report(
              dir,
              journal,
              dir.file().equals(journal.file()) ? "is the same path as" : "lies inside",
              "a path cannot be both a journal file and (a directory above) an NG image"
                  + " directory");
        }
      }
    }
  }

  private void report(Claim later, Claim first, String relation, String why) {
    problems.check(
        later.yamlPath(),
        "the "
            + later.what()
            + " '"
            + later.file()
            + "' "
            + relation
            + " the "
            + first.what()
            + " of cameras["
            + first.camera()
            + "] (line "
            + problems.markOf(first.yamlPath()).line()
            + "): "
            + why,
        first.yamlPath());
  }

  /**
   * The path as the kernel will resolve it: normalised, and with the longest existing prefix
   * replaced by its real path (symbolic links followed). What does not exist yet cannot be a link.
   */
  static Path resolved(Path file) {
    Path normal = file.toAbsolutePath().normalize();
    Path existing = normal;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return normal;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(normal));
    } catch (IOException e) {
      return normal;
    }
  }
}
