package io.camerabridge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Applies {@link EnvSubstitution} to string values as the binder reads them. Working on parsed
 * scalars rather than on the file text keeps every line and column pointing at the file as written,
 * cannot let a variable's value inject YAML structure (a {@code #} or {@code : } in a key), and
 * leaves comments and keys alone.
 */
final class EnvSubstitutingParser extends JsonParserDelegate {
  private final EnvSubstitution substitution;
  private final Problems problems;
  private JsonLocation cachedAt;
  private String cachedText;

  EnvSubstitutingParser(JsonParser yaml, EnvSubstitution substitution, Problems problems) {
    super(yaml);
    this.substitution = substitution;
    this.problems = problems;
  }

  @Override
  public String getText() throws IOException {
    return currentToken() == JsonToken.VALUE_STRING ? substituted() : super.getText();
  }

  @Override
  public String getValueAsString() throws IOException {
    return currentToken() == JsonToken.VALUE_STRING ? substituted() : super.getValueAsString();
  }

  @Override
  public String getValueAsString(String defaultValue) throws IOException {
    return currentToken() == JsonToken.VALUE_STRING
        ? substituted()
        : super.getValueAsString(defaultValue);
  }

  @Override
  public char[] getTextCharacters() throws IOException {
    return currentToken() == JsonToken.VALUE_STRING
        ? substituted().toCharArray()
        : super.getTextCharacters();
  }

  @Override
  public int getTextLength() throws IOException {
    return currentToken() == JsonToken.VALUE_STRING
        ? substituted().length()
        : super.getTextLength();
  }

  @Override
  public int getTextOffset() throws IOException {
    return currentToken() == JsonToken.VALUE_STRING ? 0 : super.getTextOffset();
  }

  @Override
  public boolean hasTextCharacters() {
    return currentToken() != JsonToken.VALUE_STRING && super.hasTextCharacters();
  }

  @Override
  public String nextTextValue() throws IOException {
    return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
  }

  /**
   * The substituted text of the current scalar. Deserializers may read a token's text more than
   * once; the cache (keyed by the token's position) reports each unset variable once.
   */
  private String substituted() throws IOException {
    JsonLocation at = currentTokenLocation();
    if (cachedText != null && samePlace(at, cachedAt)) {
      return cachedText;
    }
    EnvSubstitution.Result result = substitution.apply(delegate.getText());
    for (String error : result.errors()) {
      problems.bindingError(this, error);
    }
    cachedAt = at;
    cachedText = result.text();
    return cachedText;
  }

  private static boolean samePlace(JsonLocation a, JsonLocation b) {
    return a.getLineNr() == b.getLineNr()
        && a.getColumnNr() == b.getColumnNr()
        && a.getCharOffset() == b.getCharOffset();
  }
}
