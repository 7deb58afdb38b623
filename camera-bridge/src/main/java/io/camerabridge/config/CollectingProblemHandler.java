package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns Jackson's binding failures into {@link Problems} and lets binding continue with a null in
 * place of the bad value, so one run reports every mistake in the file. Jackson's own wording
 * (class names, coercion jargon) is replaced by what the user wrote and what was expected there.
 */
final class CollectingProblemHandler extends DeserializationProblemHandler {

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    Problems problems = problems(ctxt);
    String path = unknownKeyPath(ctxt, p, propertyName);
    Collection<Object> known = deserializer.getKnownPropertyNames();
    List<String> names = known == null ? List.of() : known.stream().map(Object::toString).toList();
    Optional<String> guess = Suggestions.closest(propertyName, names);
    String message =
        "unknown key '"
            + propertyName
            + "': "
            + guess
                .map(g -> "did you mean '" + g + "'?")
                .orElse("valid keys here are " + String.join(", ", new TreeSet<>(names)));
    problems.atKey(path, message);
    // The likely intended key is then absent; do not also report it as missing.
    guess.ifPresent(g -> problems.markFailed(YamlPaths.child(YamlPaths.parent(path), g)));
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg)
      throws IOException {
    JsonParser p = ctxt.getParser();
    problems(ctxt)
        .bindingError(
            p,
            "expected "
                + TokenText.expected(ctxt.constructType(targetType))
                + ", got "
                + TokenText.quote(valueToConvert));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg)
      throws IOException {
    problems(ctxt)
        .bindingError(
            ctxt.getParser(),
            "expected "
                + TokenText.expected(ctxt.constructType(targetType))
                + ", got "
                + valueToConvert);
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt,
      JavaType targetType,
      JsonToken t,
      JsonParser p,
      String failureMsg)
      throws IOException {
    problems(ctxt)
        .bindingError(
            p, "expected " + TokenText.expected(targetType) + ", got " + TokenText.describe(p));
    if (t != null && t.isStructStart()) {
      p.skipChildren();
    }
    return null;
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt,
      Class<?> instClass,
      ValueInstantiator valueInsts,
      JsonParser p,
      String msg)
      throws IOException {
    problems(ctxt)
        .bindingError(
            p,
            "expected "
                + TokenText.expected(ctxt.constructType(instClass))
                + ", got "
                + TokenText.describe(p));
    if (p.currentToken() != null && p.currentToken().isStructStart()) {
      p.skipChildren();
    }
    return null;
  }

  @Override
  public Object handleInstantiationProblem(
      DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t)
      throws IOException {
    problems(ctxt).bindingError(ctxt.getParser(), t.getMessage());
    return null;
  }

  /**
   * Records bind through their constructor, so Jackson buffers unknown keys and replays them from a
   * token buffer after the closing brace, where the buffer's contexts no longer describe the
   * document. The real parser then sits on that closing brace, whose context is the record's
   * parent: the record's own path. Only when the unknown key follows every constructor property
   * does Jackson hand over the real parser at the value.
   */
  private static String unknownKeyPath(DeserializationContext ctxt, JsonParser p, String key) {
    JsonParser document = ctxt.getParser();
    if (p != document) {
      return YamlPaths.child(YamlPaths.of(document.getParsingContext()), key);
    }
    JsonStreamContext context = p.getParsingContext();
    boolean atContainer = p.currentToken() != null && p.currentToken().isStructStart();
    return YamlPaths.of(atContainer ? context.getParent() : context);
  }

  private static Problems problems(DeserializationContext ctxt) {
    return (Problems) ctxt.getAttribute(Problems.class);
  }
}
