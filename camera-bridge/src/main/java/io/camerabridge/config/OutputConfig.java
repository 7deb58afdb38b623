package io.camerabridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One output of a camera: where each part's outcome goes. One record for all types, so a key that
 * belongs to another type is reported by the validator with the type it belongs to, rather than as
 * an unknown key.
 *
 * @param name the output's name in metrics and logs (default: the type, then {@code type-2}, ...)
 * @param type line, mqtt or webhook (required)
 * @param on the outcomes that fire it (default {@code [ng, timeout, error]} for line, {@code [any]}
 *     for the others)
 * @param line line: the output line, e.g. {@code Line1} (LineSelector; required)
 * @param source line: the user output driving the line, e.g. {@code UserOutput1} (LineSource and
 *     UserOutputSelector; default UserOutput1)
 * @param pulse line: how long the line is active per firing outcome (default 20ms); 0 holds the
 *     level until the next outcome
 * @param invert line: active means false instead of true (default false)
 * @param topic mqtt: topic template (default {@value #DEFAULT_TOPIC})
 * @param qos mqtt: 0 or 1 (default 1)
 * @param retain mqtt: the broker keeps the last message of the topic (default false)
 * @param url webhook: where to POST the JSON (required)
 * @param timeout webhook: per attempt (default 2s)
 * @param retries webhook: further attempts after a failed one (default 3)
 * @param queue webhook: outcomes waiting to be sent, beyond which they are dropped (default 1000)
 * @param context mqtt and webhook: how much PEKAT context the JSON carries (default summary)
 */
public record OutputConfig(
    String name,
    OutputType type,
    List<OutputOn> on,
    String line,
    String source,
    Duration pulse,
    Boolean invert,
    String topic,
    Integer qos,
    Boolean retain,
    URI url,
    Duration timeout,
    Integer retries,
    Integer queue,
    ContextDetail context) {

  public static final String DEFAULT_TOPIC = "camera-bridge/{camera}/result";

  /** Placeholders a topic may contain. */
  public static final Set<String> TOPIC_PLACEHOLDERS = Set.of("{camera}", "{output}", "{verdict}");

  public static final String DEFAULT_SOURCE = "UserOutput1";
  public static final Duration DEFAULT_PULSE = Duration.ofMillis(20);
  public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_RETRIES = 3;
  public static final int DEFAULT_QUEUE = 1000;

  /** Fills in the defaults of its type; a missing type keeps every key as written. */
  public OutputConfig {
    if (on != null) {
      // Not List.copyOf: a null entry must reach the validator.
      on = Collections.unmodifiableList(new ArrayList<>(on));
    }
    if (type == OutputType.LINE) {
      on = on == null ? List.of(OutputOn.NG, OutputOn.TIMEOUT, OutputOn.ERROR) : on;
      source = source == null ? DEFAULT_SOURCE : source;
      pulse = pulse == null ? DEFAULT_PULSE : pulse;
      invert = invert != null && invert;
    } else if (type != null) {
      on = on == null ? List.of(OutputOn.ANY) : on;
      context = context == null ? ContextDetail.SUMMARY : context;
    }
    if (type == OutputType.MQTT) {
      topic = topic == null ? DEFAULT_TOPIC : topic;
      qos = qos == null ? 1 : qos;
      retain = retain != null && retain;
    } else if (type == OutputType.WEBHOOK) {
      timeout = timeout == null ? DEFAULT_WEBHOOK_TIMEOUT : timeout;
      retries = retries == null ? DEFAULT_RETRIES : retries;
      queue = queue == null ? DEFAULT_QUEUE : queue;
    }
  }

  /** Whether an outcome listed as {@code kind} fires this output. */
  public boolean firesOn(OutputOn kind) {
    return on != null && (on.contains(OutputOn.ANY) || on.contains(kind));
  }

  /** Pulse mode (true) or level mode (pulse 0). */
  public boolean pulses() {
    return pulse != null && !pulse.isZero();
  }
}
