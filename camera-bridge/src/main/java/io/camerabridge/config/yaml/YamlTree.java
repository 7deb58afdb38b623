package io.camerabridge.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered tree of settings that {@link ConfigYaml} and {@link CameraYaml} fill and Jackson
 * writes: values keep their YAML type (numbers and booleans plain, strings quoted where a plain
 * scalar would be read as something else), so the loader reads back exactly what was set.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          // As the loader reads them: 'no' and 'on' are words, not booleans.
          .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
          .build();
  private static final YAMLMapper MAPPER = new YAMLMapper(FACTORY);
  private static final TypeReference<LinkedHashMap<String, Object>> MAPPING =
      new TypeReference<>() {};

  private final Map<String, Object> root = new LinkedHashMap<>();

  /** Sets {@code dottedPath} ({@code "pekat.timeout"}), creating the mappings on the way. */
  void set(String dottedPath, Object value) {
    String[] keys = dottedPath.split("\\.");
    Map<String, Object> at = root;
    for (int i = 0; i < keys.length - 1; i++) {
      at = mapping(at, keys[i], dottedPath);
    }
    at.put(keys[keys.length - 1], scalar(value));
  }

  /**
   * Parses {@code fragment} (YAML mapping text such as {@code "trigger: { mode: software, rate: 4
   * }"}) and sets each of its top-level keys, replacing an earlier value whole.
   */
  void merge(String fragment) {
    root.putAll(parse(fragment));
  }

  /** As {@link #merge(String)}, into the mapping at {@code dottedPath}. */
  void merge(String dottedPath, String fragment) {
    Map<String, Object> at = root;
    for (String key : dottedPath.split("\\.")) {
      at = mapping(at, key, dottedPath);
    }
    at.putAll(parse(fragment));
  }

  private static Map<String, Object> parse(String fragment) {
    if (fragment.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> parsed = MAPPER.readValue(fragment, MAPPING);
      return parsed != null ? parsed : Map.of();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a YAML mapping: " + fragment, e);
    }
  }

  /** Appends {@code element} to the list at {@code key}. */
  void add(String key, Object element) {
    Object list = root.computeIfAbsent(key, k -> new java.util.ArrayList<>());
    if (!(list instanceof List<?>)) {
      throw new IllegalStateException(key + " is set to a value, not a list");
    }
    @SuppressWarnings("unchecked")
    List<Object> elements = (List<Object>) list;
    elements.add(element);
  }

  Map<String, Object> asMap() {
    return root;
  }

  static String write(Map<String, Object> tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML", e);
    }
  }

  private static Map<String, Object> mapping(Map<String, Object> at, String key, String path) {
    Object child = at.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    if (!(child instanceof Map<?, ?>)) {
      throw new IllegalStateException(path + ": " + key + " is set to a value, not a mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) child;
    return m;
  }

  /** Numbers and booleans stay what they are; anything else is written as its text. */
  private static Object scalar(Object value) {
    return value instanceof Number || value instanceof Boolean || value == null
        ? value
        : value.toString();
  }
}
