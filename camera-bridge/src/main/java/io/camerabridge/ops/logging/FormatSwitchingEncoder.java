package io.camerabridge.ops.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Encodes with the pattern ({@code plain}) or as JSON lines ({@code json}), chosen by {@code
 * <format>} in logback.xml. One appender with a switching encoder keeps logback from warning at
 * every start about the appender of the format not chosen.
 */
public final class FormatSwitchingEncoder extends EncoderBase<ILoggingEvent> {

  private String format = "plain";
  private String pattern = "%-5level %logger [%thread] %msg%n";
  private volatile Encoder<ILoggingEvent> delegate;

  /** {@code plain} or {@code json}; see {@link LogFormatDefiner}. */
  public void setFormat(String format) {
    this.format = format;
  }

  /** The pattern of the plain format. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** The format in use, {@code plain} or {@code json}. */
  public String format() {
    return format;
  }

  /**
   * Switches to another format while logging runs (the configuration file is read after logback has
   * started). The new encoder is started before it replaces the old one, so no event is lost.
   */
  public synchronized void switchTo(String newFormat) {
    if (newFormat.equals(format) || !isStarted()) {
      return;
    }
    Encoder<ILoggingEvent> old = delegate;
    format = newFormat;
    delegate = newDelegate();
    old.stop();
  }

  @Override
  public void start() {
    delegate = newDelegate();
    super.start();
  }

  private Encoder<ILoggingEvent> newDelegate() {
    Encoder<ILoggingEvent> encoder;
    if ("json".equals(format)) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      // The template with {} placeholders is useless without its arguments: log the result.
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      encoder = json;
    } else {
      PatternLayoutEncoder plain = new PatternLayoutEncoder();
      plain.setPattern(pattern);
      encoder = plain;
    }
    encoder.setContext(getContext());
    encoder.start();
    return encoder;
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
