package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Binding of the GenICam keys: {@code features:} in its two forms and {@code featureFile:}, which
 * is read and parsed right here so that its lines are checked with the rest of the file. Each step
 * keeps where it was written ({@code FILE:LINE:COL}) for the errors found only at camera open.
 */
final class FeatureDeserializers {
  static final String EXECUTE = "execute";

  private FeatureDeserializers() {}

  /** The value of one step: a scalar kept with its YAML type; null after reporting a problem. */
  static FeatureValue scalar(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case VALUE_NUMBER_INT -> new FeatureValue(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> new FeatureValue(p.getDoubleValue());
      case VALUE_TRUE, VALUE_FALSE -> new FeatureValue(t == JsonToken.VALUE_TRUE);
      case VALUE_STRING -> new FeatureValue(p.getText());
      case VALUE_NULL -> null;
      default ->
          Problems.reportValue(
              ctxt,
              p,
              FeatureValue.class,
              "a feature value must be a single number, text or true/false, got "
                  + TokenText.describe(p));
    };
  }

  private static String fileOf(DeserializationContext ctxt) {
    Problems problems = (Problems) ctxt.getAttribute(Problems.class);
    return problems == null ? "<config>" : problems.fileName();
  }

  private static String origin(String file, JsonLocation at) {
    return file + ":" + at.getLineNr() + ":" + at.getColumnNr();
  }

  /** {@code features:} as a mapping {@code Name: value} or a list of one-key steps. */
  static final class StepsDeserializer extends StdDeserializer<FeatureSteps> {
    private static final long serialVersionUID = 1L;

    StepsDeserializer() {
      super(FeatureSteps.class);
    }

    @Override
    public FeatureSteps deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String file = fileOf(ctxt);
      if (p.currentToken() == JsonToken.START_OBJECT) {
        List<FeatureStep> steps = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation at = p.currentTokenLocation();
          String path = YamlPaths.of(p.getParsingContext());
          p.nextToken();
          steps.add(FeatureStep.set(name, scalar(p, ctxt), origin(file, at), path));
        }
        return new FeatureSteps(steps, false);
      }
      if (p.currentToken() == JsonToken.START_ARRAY) {
        List<FeatureStep> steps = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          FeatureStep step = step(p, ctxt, file);
          if (step != null) {
            steps.add(step);
          }
        }
        return new FeatureSteps(steps, true);
      }
      return Problems.reportValue(
          ctxt,
          p,
          FeatureSteps.class,
          "expected features as 'Name: value' pairs or a list of steps ('- LineSelector: Line1',"
              + " '- execute: TimestampReset'), got "
              + TokenText.describe(p));
    }

    /** One list item: {@code {Name: value}} or {@code {execute: Command}}. */
    private static FeatureStep step(JsonParser p, DeserializationContext ctxt, String file)
        throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return Problems.reportValue(
            ctxt,
            p,
            FeatureStep.class,
            "a step is one 'Name: value' or 'execute: Command', got " + TokenText.describe(p));
      }
      String path = YamlPaths.of(p.getParsingContext());
      FeatureStep step = null;
      int keys = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        keys++;
        String name = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        p.nextToken();
        if (keys > 1) {
          Problems problems = (Problems) ctxt.getAttribute(Problems.class);
          if (problems != null) {
            problems.at(
                at.getLineNr(),
                at.getColumnNr(),
                path,
                "a step sets one feature: start '"
                    + name
                    + ":' on a line of its own with '- ', so the order is explicit");
          }
          p.skipChildren();
          continue;
        }
        if (name.equals(EXECUTE)) {
          step = command(p, ctxt, file, at, path);
        } else {
          step = FeatureStep.set(name, scalar(p, ctxt), origin(file, at), path);
        }
      }
      return keys == 1 ? step : null;
    }

    private static FeatureStep command(
        JsonParser p, DeserializationContext ctxt, String file, JsonLocation at, String path)
        throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
        return Problems.reportValue(
            ctxt,
            p,
            FeatureStep.class,
            "execute takes the name of a Command feature, e.g. 'execute: TimestampReset', got "
                + TokenText.describe(p));
      }
      return FeatureStep.execute(p.getText().strip(), origin(file, at), path);
    }
  }

  /** {@code featureFile:} a path, read and parsed while binding. */
  static final class FileDeserializer extends StdScalarDeserializer<FeatureFile> {
    private static final long serialVersionUID = 1L;

    FileDeserializer() {
      super(FeatureFile.class);
    }

    @Override
    public FeatureFile deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
        return Problems.reportValue(
            ctxt,
            p,
            FeatureFile.class,
            "expected the path of a feature file (Name=Value lines, or a pylon .pfs), got "
                + TokenText.describe(p));
      }
      String written = p.getText().strip();
      Path file = resolve(fileOf(ctxt), written);
      String text;
      try {
        text = read(file, written);
      } catch (IOException e) {
        return Problems.reportValue(ctxt, p, FeatureFile.class, e.getMessage());
      }
      String path = YamlPaths.of(p.getParsingContext());
      FeatureFile.Format format = FeatureFileParser.formatOf(written);
      Problems problems = (Problems) ctxt.getAttribute(Problems.class);
      List<FeatureStep> steps =
          FeatureFileParser.parse(
              written,
              text,
              format,
              path,
              (line, column, message) -> {
                if (problems != null) {
                  problems.inOtherFile(written, line, column, path, message);
                }
              });
      return new FeatureFile(file, format, new FeatureSteps(steps, true));
    }

    /** Relative to the configuration file's directory, where the integrator keeps both. */
    private static Path resolve(String configFile, String written) {
      Path path = Path.of(written);
      Path parent = Path.of(configFile).getParent();
      return path.isAbsolute() || parent == null ? path : parent.resolve(path);
    }

    /** Messages show the path as written: the user knows where relative paths are read from. */
    private static String read(Path file, String written) throws IOException {
      try {
        if (Files.isDirectory(file)) {
          throw new IOException(
              "feature file " + written + " is a directory: name the file itself");
        }
        if (Files.size(file) > FeatureFileParser.MAX_SIZE) {
          throw new IOException(
              "feature file " + written + " is larger than 1 MiB: is this the right file?");
        }
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
      } catch (NoSuchFileException e) {
        throw new IOException(
            "no such feature file: "
                + written
                + " (a relative path is read from the configuration file's directory)",
            e);
      } catch (CharacterCodingException e) {
        throw new IOException("feature file " + written + " is not UTF-8 text", e);
      }
    }
  }
}
