package io.camerabridge.support;

import io.camerabridge.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads command-line durations exactly as the configuration file does ({@code 500ms}, {@code 30s},
 * {@code 2m}, {@code PT1M}), so one spelling works everywhere.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
