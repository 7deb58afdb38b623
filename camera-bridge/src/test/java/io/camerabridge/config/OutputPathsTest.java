package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output files compared as the file system resolves them (the corpus covers the written forms). */
class OutputPathsTest {
  @TempDir Path dir;

  private static String camera(int n, String results) {
    return "  - id: cam"
        + n
        + "\n    device: CAM-"
        + n
        + "\n    pixelFormat: Mono8\n    pekat: { url: \"http://127.0.0.1:8000\" }\n"
        + "    results:\n"
        + results.indent(6);
  }

  private List<String> problems(String yaml) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> new ConfigLoader(Map.of()).parse("t.yaml", yaml));
    return e == null ? List.of() : e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void aJournalReachedThroughASymbolicLinkIsTheSameFile() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);

    List<String> problems =
        problems(
            "cameras:\n"
                + camera(1, "journal: \"" + real.resolve("a.jsonl") + "\"")
                + camera(2, "journal: \"" + link.resolve("a.jsonl") + "\""));

    assertThat(problems)
        .singleElement()
        .asString()
        .contains(
            "cameras[1].results.journal: the journal '" + real.toRealPath().resolve("a.jsonl"))
        .contains("is the same file as the journal of cameras[0]");
  }

  @Test
  void camerasMayShareAnNgDirectoryAndJournalsBesideIt() {
    Path ng = dir.resolve("ng");
    String results = "saveNg: { dir: \"" + ng + "\" }\njournal: \"" + dir.resolve("%s.jsonl\"");

    assertThat(
            problems(
                "cameras:\n"
                    + camera(1, results.formatted("line1"))
                    + camera(2, results.formatted("line1-side"))))
        .isEmpty();
  }
}
