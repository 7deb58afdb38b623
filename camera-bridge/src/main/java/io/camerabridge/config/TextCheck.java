package io.camerabridge.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Refuses files that are not UTF-8 text before the YAML parser sees them. */
final class TextCheck {
  private TextCheck() {}

  /** Strict UTF-8 decoding without the optional byte-order mark; null (and a problem) if binary. */
  static String decode(byte[] bytes, Problems problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      problems.file(
          "this is not a text file (it is not valid UTF-8): a configuration must be YAML text;"
              + " is this the right file?");
      return null;
    }
  }

  /** Whether the text has no control characters besides tab, line feed and carriage return. */
  static boolean isText(String text, Problems problems) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
        problems.at(
            line,
            column,
            "",
            String.format(
                "control character U+%04X: this does not look like a YAML text file; is this the"
                    + " right file?",
                (int) c));
        return false;
      }
      column++;
    }
    return true;
  }
}
