package io.camerabridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production logback.xml, loaded into a private context. */
class LogbackConfigTest {

  private final LoggerContext context = new LoggerContext();

  {
    // The JSON encoder reads the MDC, which a context outside SLF4J's binding must be given.
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  @AfterEach
  void clear() {
    System.clearProperty(LogFormatDefiner.PROPERTY);
    context.stop();
  }

  @Test
  void plainFormatPrefixesEveryLineWithTheSyslogPriority() throws Exception {
    configure("plain");
    LoggingEvent event =
        event(Level.ERROR, "upload failed", new IllegalStateException("connection reset"));

    String line = encode(event);

    assertThat(line).startsWith("<3>ERROR io.camerabridge.client.Upload [main] upload failed\n");
    assertThat(line.split("\n"))
        .allMatch(l -> l.startsWith("<3>"))
        .anyMatch(l -> l.equals("<3>java.lang.IllegalStateException: connection reset"));
    assertThat(encode(event(Level.INFO, "started", null))).startsWith("<6>INFO ");
    assertThat(encode(event(Level.DEBUG, "x", null))).startsWith("<7>DEBUG");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void jsonFormatKeepsAnEventOnOneLine() throws Exception {
    configure("json");
    String line =
        encode(event(Level.WARN, "camera {} lost", new IllegalStateException("a\nb"), "top"));

    assertThat(line).endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(line)
        .contains("\"level\":\"WARN\"")
        .contains("\"formattedMessage\":\"camera top lost\"");
  }

  @Test
  void unknownFormatFallsBackToPlainWithAWarning() throws Exception {
    configure("xml");
    assertThat(encode(event(Level.WARN, "x", null))).startsWith("<4>WARN");
    assertThat(warnings())
        .anyMatch(m -> m.contains("camerabridge.log.format=xml is not a log format"));
  }

  @Test
  void rootIsAsyncAndNeverBlocks() throws Exception {
    configure("plain");
    ch.qos.logback.classic.AsyncAppender async =
        (ch.qos.logback.classic.AsyncAppender)
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async");
    assertThat(async).isNotNull();
    assertThat(async.isNeverBlock()).isTrue();
    assertThat(async.isStarted()).isTrue();
  }

  @Test
  void levelsFromConfigurationAreAppliedAndBadOnesNamed() {
    LogLevels.apply(Map.of("io.camerabridge.test.levels", "DEBUG"));
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("io.camerabridge.test.levels");
    assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LogLevels.apply(Map.of("io.netty", "verbose")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'verbose' for 'io.netty'")
        .hasMessageContaining("trace, debug, info, warn, error, off");
  }

  @Test
  void formatFromTheConfigurationFileSwitchesTheRunningEncoder() throws Exception {
    configure("plain");
    FormatSwitchingEncoder encoder = LoggingSettings.encoder(context);
    assertThat(encoder).isNotNull();
    assertThat(encoder.format()).isEqualTo("plain");

    encoder.switchTo("json");

    assertThat(encoder.format()).isEqualTo("json");
    assertThat(encode(event(Level.INFO, "now {}", null, "json")))
        .contains("\"formattedMessage\":\"now json\"");
  }

  @Test
  void configurationLevelsApplyToTheRunningLoggers() {
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("io.camerabridge.test.settings");
    LoggingSettings.apply(
        new io.camerabridge.config.LoggingConfig(
            io.camerabridge.config.LogFormat.PLAIN,
            io.camerabridge.config.LogLevel.INFO,
            Map.of("io.camerabridge.test.settings", io.camerabridge.config.LogLevel.WARN)));
    assertThat(logger.isInfoEnabled()).isFalse();
    assertThat(logger.isWarnEnabled()).isTrue();
  }

  private void configure(String format) throws Exception {
    System.setProperty(LogFormatDefiner.PROPERTY, format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogbackConfigTest.class.getResource("/logback.xml"));
  }

  private String encode(LoggingEvent event) {
    ch.qos.logback.core.ConsoleAppender<?> console =
        (ch.qos.logback.core.ConsoleAppender<?>)
            ((ch.qos.logback.classic.AsyncAppender)
                    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("async"))
                .getAppender("stdout");
    @SuppressWarnings("unchecked")
    ch.qos.logback.core.encoder.Encoder<LoggingEvent> encoder =
        (ch.qos.logback.core.encoder.Encoder<LoggingEvent>) console.getEncoder();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private LoggingEvent event(Level level, String message, Throwable error, Object... args) {
    ch.qos.logback.classic.Logger logger = context.getLogger("io.camerabridge.client.Upload");
    LoggingEvent event =
        new LoggingEvent(getClass().getName(), logger, level, message, error, args);
    event.setThreadName("main");
    return event;
  }

  private List<String> warnings() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() >= Status.WARN)
        .map(Status::getMessage)
        .collect(java.util.stream.Collectors.toList());
  }
}
