package io.camerabridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every key the loader accepts is documented in docs/configuration.md and shown in the installed
 * example, so neither can fall behind the records.
 */
class ConfigDocsTest {
  private static final Path ROOT = Path.of(System.getProperty("camerabridge.root", ".."));
  private static final Set<Class<?>> VALUES =
      Set.of(
          DataSize.class,
          PacketSize.class,
          SocketBuffer.class,
          FeatureValue.class,
          PixelFormatChoice.class);

  @Test
  void everyKeyIsInTheReference() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/configuration.md"));

    assertThat(keys(BridgeConfig.class, ""))
        .hasSizeGreaterThan(50)
        .allSatisfy(
            key ->
                assertThat(suffixes(key))
                    .as("docs/configuration.md documents %s", key)
                    .anyMatch(s -> doc.contains("`" + s + "`")));
  }

  @Test
  void everyKeyIsInTheInstalledExample() throws IOException {
    String example = Files.readString(ROOT.resolve("config/camera-bridge.yaml"));

    assertThat(keys(BridgeConfig.class, ""))
        .allSatisfy(
            key -> {
              String name = key.substring(key.lastIndexOf('.') + 1);
              assertThat(example)
                  .as("the example shows %s", key)
                  .containsPattern("(?m)^[ #]*(- )?" + name + ":");
            });
  }

  /** Dotted paths of every key, sections included; list entries are flattened. */
  private static List<String> keys(Class<?> record, String prefix) {
    List<String> keys = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      String path = prefix + (renamed != null ? renamed.value() : c.getName());
      keys.add(path);
      Class<?> type = c.getType();
      if (type == List.class) {
        type = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
      }
      if (type.isRecord() && !VALUES.contains(type)) {
        keys.addAll(keys(type, path + "."));
      }
    }
    return keys;
  }

  private static List<String> suffixes(String key) {
    List<String> suffixes = new ArrayList<>();
    for (int i = -1; i < key.length(); i = key.indexOf('.', i + 1)) {
      suffixes.add(key.substring(i + 1));
      if (key.indexOf('.', i + 1) < 0) {
        break;
      }
    }
    return suffixes;
  }
}
