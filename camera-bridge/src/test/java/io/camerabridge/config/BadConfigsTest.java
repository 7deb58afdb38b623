package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-config corpus: every {@code NAME.yaml} under {@code bad-configs/} must fail with exactly
 * the text in {@code NAME.expected} (file names shown relative to the corpus), and never show the
 * API key that the environment provides.
 */
class BadConfigsTest {
  private static final String SECRET = "corpus-secret-0123456789";
  private static final ConfigLoader LOADER = new ConfigLoader(Map.of("PEKAT_API_KEY", SECRET));

  static Path corpus() {
    try {
      return Path.of(BadConfigsTest.class.getResource("/bad-configs").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> cases() {
    try (Stream<Path> files = Files.list(corpus())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsWithExactlyTheExpectedProblems(String name) throws IOException {
    Path file = corpus().resolve(name + ".yaml");
    String expected =
        Files.readString(corpus().resolve(name + ".expected"), StandardCharsets.UTF_8).strip();

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.load(file));

    assertThat(e).as("%s should be rejected", name).isNotNull();
    String actual = e.getMessage().replace(file.toString(), name + ".yaml");
    assertThat(actual).isEqualTo(expected).doesNotContain(SECRET);
    // Problems inside a feature file the configuration names are reported in that file.
    assertThat(e.problems())
        .allSatisfy(
            p ->
                assertThat(p.file())
                    .matches(f -> f.equals(file.toString()) || f.endsWith(".features")));
  }

  @Test
  void corpusCoversAtLeastTwentyFiveCasesEachWithItsExpectedText() {
    List<String> names = cases().toList();

    assertThat(names).hasSizeGreaterThanOrEqualTo(25);
    assertThat(names).allSatisfy(n -> assertThat(corpus().resolve(n + ".expected")).exists());
  }

  @Test
  void aTenMegabyteFileIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path huge = dir.resolve("huge.yaml");
    byte[] line =
        "# padding padding padding padding padding padding padding padding\n"
            .getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(huge)) {
      for (long written = 0; written < 10L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.load(huge));

    assertThat(e.getMessage())
        .isEqualTo(
            huge
                + ": the file is "
                + DataSize.ofBytes(Files.size(huge))
                + ", more than the 1MiB a configuration may have: is this the right file?");
  }
}
