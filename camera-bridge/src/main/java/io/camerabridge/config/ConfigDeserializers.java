package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.camerabridge.pekat.ApiKey;
import io.camerabridge.pekat.ContextPlacement;
import io.camerabridge.pekat.ResponseType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Jackson deserializers for the config's value types. Each turns a bad value into one problem with
 * a message that shows the accepted forms, and returns null so binding goes on and every problem of
 * the file is reported at once.
 */
final class ConfigDeserializers {
  private ConfigDeserializers() {}

  /** The module registering every deserializer below. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("camera-bridge-config");
    m.addDeserializer(
        Duration.class, new FromText<>(Duration.class, "a duration such as 5s", Durations::parse));
    m.addDeserializer(
        DataSize.class, new FromText<>(DataSize.class, "a size such as 4MiB", DataSize::parse));
    m.addDeserializer(
        PixelFormatChoice.class,
        new FromText<>(
            PixelFormatChoice.class, "a pixel format such as BayerRG8", PixelFormatChoice::of));
    m.addDeserializer(
        PacketSize.class,
        new FromText<>(
            PacketSize.class, "auto or a number of bytes", ConfigDeserializers::packetSize));
    m.addDeserializer(
        SocketBuffer.class,
        new FromText<>(
            SocketBuffer.class, "auto or a size such as 4MiB", ConfigDeserializers::socketBuffer));
    m.addDeserializer(
        Path.class, new FromText<>(Path.class, "a file path", ConfigDeserializers::path));
    m.addDeserializer(
        Integer.class,
        new FromText<>(Integer.class, "a whole number", ConfigDeserializers::wholeNumber));
    m.addDeserializer(
        Double.class, new FromText<>(Double.class, "a number", ConfigDeserializers::number));
    m.addDeserializer(
        Boolean.class, new FromText<>(Boolean.class, "true or false", ConfigDeserializers::bool));
    m.addDeserializer(
        URI.class,
        new FromText<>(URI.class, "a URL such as http://127.0.0.1:8000", ConfigDeserializers::uri));
    m.addDeserializer(ApiKey.class, new ApiKeyDeserializer());
    m.addDeserializer(FeatureValue.class, new FeatureValueDeserializer());
    m.addDeserializer(FeatureSteps.class, new FeatureDeserializers.StepsDeserializer());
    m.addDeserializer(FeatureFile.class, new FeatureDeserializers.FileDeserializer());
    addChoice(m, TriggerMode.class, "trigger mode", TriggerMode::configName);
    addChoice(m, TriggerActivation.class, "trigger activation", TriggerActivation::configName);
    addChoice(m, UsbIoMode.class, "USB mode", UsbIoMode::configName);
    addChoice(m, LogFormat.class, "log format", LogFormat::configName);
    addChoice(m, LogLevel.class, "log level", LogLevel::configName);
    addChoice(m, NgImage.class, "NG image kind", NgImage::configName);
    m.addDeserializer(Secret.class, new SecretDeserializer());
    addChoice(m, TimeoutVerdict.class, "timeout verdict", TimeoutVerdict::configName);
    addChoice(m, OutputType.class, "output type", OutputType::configName);
    addChoice(m, OutputOn.class, "outcome", OutputOn::configName);
    addChoice(m, PlcHandshake.class, "handshake", PlcHandshake::configName);
    addChoice(m, OpcUaSecurity.class, "OPC UA security", OpcUaSecurity::configName);
    addChoice(m, ContextDetail.class, "context detail", ContextDetail::configName);
    addChoice(m, ResponseType.class, "response type", ResponseType::wireName);
    addChoice(
        m, ContextPlacement.class, "context placement", c -> c.name().toLowerCase(Locale.ROOT));
    return m;
  }

  private static <E extends Enum<E>> void addChoice(
      SimpleModule m, Class<E> type, String noun, Function<E, String> nameOf) {
    m.addDeserializer(type, new Choice<>(type, noun, nameOf));
  }

  // Integer, Double and Boolean are read from the scalar's text, not Jackson's coercions, so that
  // "3.5" for a count, an int overflow, or "yes" for a flag is one clear problem, not a fatal
  // exception, and substituted ${VAR} strings convert the same way as literals.

  static Integer wholeNumber(String text) {
    String s = text.strip();
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      if (s.matches("[-+]?\\d+")) {
        throw new IllegalArgumentException(s + " is too large: at most " + Integer.MAX_VALUE);
      }
      throw new IllegalArgumentException("expected a whole number, got " + TokenText.quote(s));
    }
  }

  static Double number(String text) {
    String s = text.strip();
    if (s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return Double.valueOf(s);
    }
    throw new IllegalArgumentException("expected a number, got " + TokenText.quote(s));
  }

  static Boolean bool(String text) {
    return switch (text.strip()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw new IllegalArgumentException(
              "expected true or false, got "
                  + TokenText.quote(text.strip())
                  + " (yes/no/on/off are not read as true/false, to keep names like 'no' safe)");
    };
  }

  static URI uri(String text) {
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          TokenText.quote(TokenText.withoutCredentials(text.strip()))
              + " is not a valid URL ("
              + e.getReason().toLowerCase(Locale.ROOT)
              + " at character "
              + (e.getIndex() + 1)
              + "): write the PEKAT project's address, e.g. http://127.0.0.1:8000");
    }
  }

  static PacketSize packetSize(String text) {
    if (text.strip().equals("auto")) {
      return PacketSize.AUTO;
    }
    int bytes;
    try {
      bytes = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a packet size: write auto or a number of bytes such as 1500 or 9000");
    }
    if (bytes < PacketSize.MIN || bytes > PacketSize.MAX) {
      throw new IllegalArgumentException(
          "packet size "
              + bytes
              + " is out of range "
              + PacketSize.MIN
              + ".."
              + PacketSize.MAX
              + ": use auto, 1500 for a standard link or 9000 for jumbo frames");
    }
    return new PacketSize(bytes);
  }

  static SocketBuffer socketBuffer(String text) {
    return text.strip().equals("auto") ? SocketBuffer.AUTO : new SocketBuffer(DataSize.parse(text));
  }

  static Path path(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(
          "the path is empty: write a file path such as /var/lib/camera-bridge/line1.jsonl");
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason());
    }
  }

  /** A scalar parsed from its text; numbers are read as their text too (sizes, packet sizes). */
  private static final class FromText<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final transient Function<String, T> parser;

    FromText(Class<T> type, String expected, Function<String, T> parser) {
      super(type);
      this.expected = expected;
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      @SuppressWarnings("unchecked")
      Class<T> type = (Class<T>) handledType();
      if (!p.currentToken().isScalarValue()) {
        return Problems.reportValue(
            ctxt, p, type, "expected " + expected + ", got " + TokenText.describe(p));
      }
      try {
        return parser.apply(p.getText());
      } catch (IllegalArgumentException e) {
        return Problems.reportValue(ctxt, p, type, e.getMessage());
      }
    }
  }

  /** An enum written by its config name, with a did-you-mean for near misses. */
  private static final class Choice<E extends Enum<E>> extends StdScalarDeserializer<E> {
    private static final long serialVersionUID = 1L;
    private final Class<E> type;
    private final String noun;
    private final transient Function<E, String> nameOf;

    Choice(Class<E> type, String noun, Function<E, String> nameOf) {
      super(type);
      this.type = type;
      this.noun = noun;
      this.nameOf = nameOf;
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String names =
          Arrays.stream(type.getEnumConstants()).map(nameOf).collect(Collectors.joining(", "));
      if (!p.currentToken().isScalarValue()) {
        return Problems.reportValue(
            ctxt, p, type, "expected a " + noun + " (" + names + "), got " + TokenText.describe(p));
      }
      String text = p.getText().strip();
      for (E constant : type.getEnumConstants()) {
        if (nameOf.apply(constant).equals(text)) {
          return constant;
        }
      }
      Optional<String> guess =
          Suggestions.closest(text, Arrays.stream(type.getEnumConstants()).map(nameOf).toList());
      return Problems.reportValue(
          ctxt,
          p,
          type,
          "unknown "
              + noun
              + " '"
              + text
              + "': use one of "
              + names
              + guess.map(g -> " (did you mean " + g + "?)").orElse(""));
    }
  }

  /** The API key: never echoed back, whatever is wrong with it. */
  private static final class ApiKeyDeserializer extends StdScalarDeserializer<ApiKey> {
    private static final long serialVersionUID = 1L;

    ApiKeyDeserializer() {
      super(ApiKey.class);
    }

    @Override
    public ApiKey deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return Problems.reportValue(
            ctxt,
            p,
            ApiKey.class,
            "expected the API key as a single text value, got " + TokenText.describe(p));
      }
      String text = p.getText();
      if (text.isBlank()) {
        return Problems.reportValue(
            ctxt,
            p,
            ApiKey.class,
            "the API key is blank: remove apiKey for an unsecured project, or set it (e.g."
                + " apiKey: \"${PEKAT_API_KEY}\")");
      }
      return ApiKey.of(text.strip());
    }
  }

  /** A password: never echoed back, whatever is wrong with it. */
  private static final class SecretDeserializer extends StdScalarDeserializer<Secret> {
    private static final long serialVersionUID = 1L;

    SecretDeserializer() {
      super(Secret.class);
    }

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        return Problems.reportValue(
            ctxt, p, Secret.class, "expected a single text value, got " + TokenText.describe(p));
      }
      if (p.getText().isEmpty()) {
        return Problems.reportValue(
            ctxt, p, Secret.class, "the password is empty: remove the key, or set it");
      }
      return Secret.of(p.getText());
    }
  }

  /** A GenICam feature value: one scalar, kept with its YAML type. */
  private static final class FeatureValueDeserializer extends StdScalarDeserializer<FeatureValue> {
    private static final long serialVersionUID = 1L;

    FeatureValueDeserializer() {
      super(FeatureValue.class);
    }

    @Override
    public FeatureValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      return switch (t) {
        case VALUE_NUMBER_INT -> new FeatureValue(p.getLongValue());
        case VALUE_NUMBER_FLOAT -> new FeatureValue(p.getDoubleValue());
        case VALUE_TRUE, VALUE_FALSE -> new FeatureValue(t == JsonToken.VALUE_TRUE);
        case VALUE_STRING -> new FeatureValue(p.getText());
        default ->
            Problems.reportValue(
                ctxt,
                p,
                FeatureValue.class,
                "a feature value must be a single number, text or true/false, got "
                    + TokenText.describe(p));
      };
    }
  }
}
