package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads, binds and validates a camera-bridge YAML file, reporting every problem at once.
 *
 * <p>Order: file checks (exists, size, text) → a scan of the YAML events ({@link SourceScanner}:
 * syntax, duplicate keys, aliases, depth, where everything is) → binding to the records straight
 * from the YAML parser, with {@code ${VAR}} substitution on values → validation. A later step runs
 * only if the earlier ones leave something to check.
 *
 * <p>Thread-safe; holds no global state: the environment is passed in.
 */
public final class ConfigLoader {
  /** Largest config file accepted; a real one is a few KiB. */
  public static final int MAX_FILE_SIZE = 1024 * 1024;

  private final EnvSubstitution substitution;
  private final YAMLFactory scanFactory;
  private final YAMLFactory bindFactory;
  private final ObjectReader reader;

  /** A loader that substitutes from {@code env} (pass {@code System.getenv()} in production). */
  public ConfigLoader(Map<String, String> env) {
    this.substitution = new EnvSubstitution(Objects.requireNonNull(env, "env"));
    // The scan reports every duplicate key itself; binding treats one as fatal, as a backstop.
    this.scanFactory = newFactory(false);
    this.bindFactory = newFactory(true);
    this.reader = newMapper(bindFactory).readerFor(BridgeConfig.class);
  }

  /**
   * Loads a file.
   *
   * @throws ConfigException listing every problem found, each with file, line, column and path
   */
  public BridgeConfig load(Path file) throws ConfigException {
    String name = file.toString();
    Problems problems = new Problems(name, new SourceIndex());
    String text = readText(file, problems);
    if (text == null) {
      throw new ConfigException(problems.sorted());
    }
    return parse(name, text);
  }

  /**
   * Loads YAML text; {@code name} is what error messages call the source.
   *
   * @throws ConfigException listing every problem found
   */
  public BridgeConfig parse(String name, String yaml) throws ConfigException {
    SourceIndex index = new SourceIndex();
    Problems problems = new Problems(name, index);
    BridgeConfig config = null;
    if (yaml.length() > MAX_FILE_SIZE) {
      problems.file(
          "the text has "
              + yaml.length()
              + " characters, more than the "
              + MAX_FILE_SIZE
              + " a configuration may have");
    } else if (TextCheck.isText(yaml, problems)
        && scan(yaml, index, problems)
        && problems.isEmpty()) {
      config = bind(yaml, problems);
      if (config != null) {
        new ConfigValidator(problems).validate(config);
      }
    }
    if (!problems.isEmpty() || config == null) {
      throw new ConfigException(problems.sorted());
    }
    return config;
  }

  private boolean scan(String yaml, SourceIndex index, Problems problems) {
    try (JsonParser p = scanFactory.createParser(yaml)) {
      return new SourceScanner(problems, index).scan(p);
    } catch (IOException e) {
      SyntaxErrors.report(e, problems);
      return false;
    }
  }

  private BridgeConfig bind(String yaml, Problems problems) {
    try (JsonParser p =
        new EnvSubstitutingParser(bindFactory.createParser(yaml), substitution, problems)) {
      return reader.withAttribute(Problems.class, problems).readValue(p);
    } catch (JsonProcessingException e) {
      SyntaxErrors.report(e, problems);
      return null;
    } catch (IOException e) {
      problems.file("cannot read the configuration: " + e.getMessage());
      return null;
    }
  }

  private static String readText(Path file, Problems problems) {
    try {
      if (Files.isDirectory(file)) {
        problems.file("is a directory: give the path of the YAML file itself");
        return null;
      }
      long size = Files.size(file);
      if (size > MAX_FILE_SIZE) {
        problems.file(
            "the file is "
                + DataSize.ofBytes(size)
                + ", more than the "
                + DataSize.ofBytes(MAX_FILE_SIZE)
                + " a configuration may have: is this the right file?");
        return null;
      }
      // The limit applies to what is read too, not only to what stat says: /dev/zero, a FIFO or
      // a file that grows while it is read report a small size.
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_SIZE + 1);
      }
      if (bytes.length > MAX_FILE_SIZE) {
        problems.file(
            "the file is larger than the "
                + DataSize.ofBytes(MAX_FILE_SIZE)
                + " a configuration may have (reading stopped there): is this the right file?");
        return null;
      }
      return TextCheck.decode(bytes, problems);
    } catch (NoSuchFileException e) {
      problems.file(
          "no such file: check the path (the packaged example is /etc/camera-bridge/camera-bridge.yaml)");
      return null;
    } catch (IOException e) {
      problems.file("cannot read the file: " + e.getMessage());
      return null;
    }
  }

  private static YAMLFactory newFactory(boolean strictDuplicates) {
    LoaderOptions options = new LoaderOptions();
    // Jackson does not expand aliases (the scanner rejects them), but keep SnakeYAML's own guards
    // tight too, in case a later Jackson starts resolving them.
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(SourceScanner.MAX_DEPTH);
    options.setCodePointLimit(MAX_FILE_SIZE);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strictDuplicates)
        .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(SourceScanner.MAX_DEPTH + 1)
                .maxStringLength(MAX_FILE_SIZE)
                .build())
        .build();
  }

  /**
   * FAIL_ON_MISSING_CREATOR_PROPERTIES stays off: optional keys arrive as null and the records fill
   * in defaults; required keys are checked by the validator, which knows where they belong.
   */
  private static YAMLMapper newMapper(YAMLFactory factory) {
    return YAMLMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .addModule(ConfigDeserializers.module())
        .withCoercionConfigDefaults(
            c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
        .addHandler(new CollectingProblemHandler())
        .build();
  }
}
