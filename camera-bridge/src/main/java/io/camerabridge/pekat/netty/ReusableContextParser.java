package io.camerabridge.pekat.netty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.camerabridge.pekat.AnalysisResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link ContextParser} for one client, with one Jackson parser kept across responses. Jackson 2
 * cannot reset a blocking parser, and a new parser per response (parser, I/O context, read
 * contexts, symbol table, text buffer) was about 0.7 KB of garbage per frame. Jackson's
 * non-blocking parser instead reads a sequence of root values from successive inputs, so each
 * context is fed to the same parser as the next root value.
 *
 * <p>It is only a fast path for the usual complete JSON object: anything else (a parse error, an
 * incomplete document, a root that is not an object) discards the parser and parses the text again
 * with {@link ContextParser#parse}, so outcomes and messages are exactly those of the blocking
 * parser. Event loop only (one instance per client, whose connections share one loop).
 */
final class ReusableContextParser {
  /**
   * A fresh parser now and then bounds what a long-lived one accumulates (symbol table, offsets);
   * at about 0.7 KB per parser this costs a fraction of a byte per frame.
   */
  private static final int DOCUMENTS_PER_PARSER = 4096;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

  private CompleteInput parser;
  private int documents;

  /**
   * Parses {@code length} bytes of UTF-8 context at {@code offset}; the bytes are only read during
   * the call.
   *
   * @throws ContextParser.MalformedContextException when the text is not a JSON object
   */
  AnalysisResult parse(byte[] utf8, int offset, int length, Optional<byte[]> png) {
    String json = new String(utf8, offset, length, StandardCharsets.UTF_8);
    AnalysisResult fast = length == 0 ? null : tryReused(utf8, offset, length, json, png);
    return fast != null ? fast : ContextParser.parse(json, png);
  }

  /** The result, or null when the blocking parser must decide. */
  private AnalysisResult tryReused(
      byte[] utf8, int offset, int length, String json, Optional<byte[]> png) {
    if (parser == null || documents >= DOCUMENTS_PER_PARSER) {
      discard();
      parser = new CompleteInput(newParser());
    }
    documents++;
    try {
      parser.feeder().feedInput(utf8, offset, offset + length);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        discard();
        return null;
      }
      AnalysisResult result = ContextParser.topLevel(parser, json, png);
      if (!parser.atEndOfRoot()) {
        discard();
        return null;
      }
      if (!parser.consumedAll()) {
        // Trailing text, ignored as the blocking parser ignores it; but the next input would not
        // start a new root value, so this parser is done.
        discard();
      }
      return result;
    } catch (IOException | RuntimeException e) {
      discard();
      return null;
    }
  }

  private static JsonParser newParser() {
    try {
      return FACTORY.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
    }
  }

  private void discard() {
    CompleteInput old = parser;
    parser = null;
    documents = 0;
    if (old != null) {
      try {
        old.close();
      } catch (IOException e) {
        // Closing an in-memory parser only returns its buffers; nothing to report.
      }
    }
  }

  /**
   * The non-blocking parser as a blocking one over input known to be complete: where it would wait
   * for more input the document is incomplete, which ends the fast path (the blocking parser then
   * reports the error). Only {@code nextToken}, {@code nextValue} and {@code skipChildren} reach
   * the wrapped parser's token stream; every other {@code next*} method goes through {@code
   * nextToken}.
   */
  private static final class CompleteInput extends JsonParserDelegate {
    private static final IOException INCOMPLETE = new IncompleteContextException();

    CompleteInput(JsonParser nonBlocking) {
      super(nonBlocking);
    }

    ByteArrayFeeder feeder() {
      return (ByteArrayFeeder) delegate.getNonBlockingInputFeeder();
    }

    boolean atEndOfRoot() {
      return delegate.currentToken() == JsonToken.END_OBJECT
          && delegate.getParsingContext().inRoot();
    }

    /** Whether nothing but whitespace followed the root value. */
    boolean consumedAll() {
      if (feeder().needMoreInput()) {
        return true;
      }
      try {
        return delegate.nextToken() == JsonToken.NOT_AVAILABLE;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.NOT_AVAILABLE) {
        throw INCOMPLETE;
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
      JsonToken current = delegate.currentToken();
      if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
        return this;
      }
      int open = 1;
      while (open > 0) {
        JsonToken token = nextToken();
        if (token == null) {
          throw INCOMPLETE;
        }
        if (token.isStructStart()) {
          open++;
        } else if (token.isStructEnd()) {
          open--;
        }
      }
      return this;
    }
  }

  /** Signals the fast path's end; never escapes this class, so it carries no stack trace. */
  private static final class IncompleteContextException extends IOException {
    IncompleteContextException() {
      super("incomplete context", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
