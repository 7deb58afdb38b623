package io.camerabridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a camera's {@code verdict:} policy and {@code outputs:} list, and the {@code mqtt:} block.
 */
final class OutputsValidator {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern GENICAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern USER_OUTPUT = Pattern.compile("UserOutput[0-9]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Problems problems;
  private final Ranges ranges;

  OutputsValidator(Problems problems) {
    this.problems = problems;
    this.ranges = new Ranges(problems);
  }

  /** The top-level broker block. */
  void validateMqtt(MqttConfig mqtt) {
    URI broker = mqtt.broker();
    String path = "mqtt.broker";
    if (broker == null) {
      problems.check(path, "required: the broker's address, e.g. broker: \"tcp://127.0.0.1:1883\"");
    } else if (!"tcp".equals(broker.getScheme()) && !"ssl".equals(broker.getScheme())) {
      problems.check(
          path,
          "'"
              + TokenText.withoutCredentials(broker.toString())
              + "' is not a broker address: write tcp://host:1883 or ssl://host:8883");
    } else if (broker.getHost() == null) {
      problems.check(path, "the broker address has no host: write e.g. tcp://127.0.0.1:1883");
    } else if (broker.getRawUserInfo() != null) {
      problems.check(
          path, "put the user and password in mqtt.username and mqtt.password, not in the URL");
    }
    if (!CLIENT_ID.matcher(mqtt.clientId()).matches()) {
      problems.check(
          "mqtt.clientId",
          "'"
              + mqtt.clientId()
              + "' is not a client id: use 1 to 64 letters, digits, '_', '-' or '.' (it must be"
              + " unique on the broker, and it is part of the status topic)");
    }
    checkTopic("mqtt.statusTopic", mqtt.statusTopic(), List.of("{clientId}"));
    ranges.whole("mqtt.queue", mqtt.queue(), 1, 1_000_000, "messages");
    ranges.duration("mqtt.keepAlive", mqtt.keepAlive(), Duration.ofSeconds(1), Duration.ofHours(1));
    ranges.duration(
        "mqtt.connectTimeout",
        mqtt.connectTimeout(),
        Duration.ofMillis(100),
        Duration.ofMinutes(1));
    if (mqtt.password() != null && mqtt.username() == null) {
      problems.check(
          "mqtt.password", "a password needs a user: set mqtt.username, or remove the password");
    }
  }

  /** One camera's verdict policy and outputs. */
  void validate(String path, CameraConfig camera, Optional<MqttConfig> mqtt) {
    camera
        .verdict()
        .verdictDeadline()
        .ifPresent(
            d ->
                ranges.duration(
                    CameraValidator.at(path, "verdict.deadline"),
                    d,
                    Duration.ofMillis(1),
                    Duration.ofMinutes(1)));
    List<OutputConfig> outputs = camera.outputs();
    Map<String, Integer> lines = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      String at = YamlPaths.element(CameraValidator.at(path, "outputs"), i);
      OutputConfig output = outputs.get(i);
      if (output == null) {
        problems.check(
            at, "this output entry is empty: give at least its type (line, mqtt, webhook)");
        continue;
      }
      checkCommon(at, output);
      if (output.type() == null) {
        continue;
      }
      switch (output.type()) {
        case LINE -> {
          checkLine(at, output);
          unique(lines, output.line(), i, at, "line", "two outputs would drive one line");
        }
        case MQTT -> checkMqttOutput(at, output, mqtt);
        case WEBHOOK -> checkWebhook(at, output);
      }
    }
    checkNames(path, outputs);
  }

  private void checkCommon(String at, OutputConfig output) {
    if (output.type() == null) {
      problems.check(CameraValidator.at(at, "type"), "required: line, mqtt or webhook");
    }
    if (output.name() != null && !NAME.matcher(output.name()).matches()) {
      problems.check(
          CameraValidator.at(at, "name"),
          "'"
              + output.name()
              + "' is not an output name: use lower-case letters, digits, '-' and '_', e.g."
              + " reject-gate (it is a metrics label)");
    }
    if (output.on() != null) {
      if (output.on().isEmpty()) {
        problems.check(
            CameraValidator.at(at, "on"),
            "an output that fires on nothing: list outcomes (ok, ng, timeout, error, any), or"
                + " remove the output");
      }
      for (int k = 0; k < output.on().size(); k++) {
        if (output.on().get(k) == null) {
          problems.check(
              YamlPaths.element(CameraValidator.at(at, "on"), k),
              "empty entry: use ok, ng, timeout, error or any");
        }
      }
    }
  }

  private void checkLine(String at, OutputConfig o) {
    foreign(at, "topic", o.topic(), "mqtt");
    foreign(at, "qos", o.qos(), "mqtt");
    foreign(at, "retain", o.retain(), "mqtt");
    foreign(at, "url", o.url(), "webhook");
    foreign(at, "timeout", o.timeout(), "webhook");
    foreign(at, "retries", o.retries(), "webhook");
    foreign(at, "queue", o.queue(), "webhook");
    foreign(at, "context", o.context(), "mqtt and webhook");
    String line = CameraValidator.at(at, "line");
    if (o.line() == null) {
      problems.check(line, "required: the camera's output line, e.g. line: Line1");
    } else if (!GENICAM_NAME.matcher(o.line()).matches()) {
      problems.check(
          line,
          "'" + o.line() + "' is not a line name: use the camera's LineSelector entry, e.g. Line1");
    }
    if (!USER_OUTPUT.matcher(o.source()).matches()) {
      problems.check(
          CameraValidator.at(at, "source"),
          "'"
              + o.source()
              + "' is not a user output: use UserOutput1 (or another UserOutputN), which"
              + " camera-bridge sets through UserOutputSelector and UserOutputValue");
    }
    if (!o.pulse().isZero()) {
      ranges.duration(
          CameraValidator.at(at, "pulse"), o.pulse(), Duration.ofMillis(1), Duration.ofSeconds(10));
    }
  }

  private void checkMqttOutput(String at, OutputConfig o, Optional<MqttConfig> mqtt) {
    lineKeysForeign(at, o);
    foreign(at, "url", o.url(), "webhook");
    foreign(at, "timeout", o.timeout(), "webhook");
    foreign(at, "retries", o.retries(), "webhook");
    if (o.queue() != null) {
      problems.check(
          CameraValidator.at(at, "queue"),
          "mqtt outputs share the broker's queue: set mqtt.queue instead");
    }
    if (mqtt.isEmpty()) {
      problems.check(
          CameraValidator.at(at, "type"),
          "an mqtt output needs a broker: add a top-level block such as"
              + " 'mqtt: { broker: \"tcp://127.0.0.1:1883\" }'");
    }
    checkTopic(CameraValidator.at(at, "topic"), o.topic(), OutputConfig.TOPIC_PLACEHOLDERS);
    if (o.qos() != null && o.qos() != 0 && o.qos() != 1) {
      problems.check(
          CameraValidator.at(at, "qos"),
          "qos "
              + o.qos()
              + " is not supported: use 0 (at most once) or 1 (at least once; duplicates are"
              + " possible, a consumer keeps the last message per camera and sequence)");
    }
  }

  private void checkWebhook(String at, OutputConfig o) {
    lineKeysForeign(at, o);
    foreign(at, "topic", o.topic(), "mqtt");
    foreign(at, "qos", o.qos(), "mqtt");
    foreign(at, "retain", o.retain(), "mqtt");
    String path = CameraValidator.at(at, "url");
    URI url = o.url();
    if (url == null) {
      problems.check(path, "required: where to POST, e.g. url: \"http://127.0.0.1:8080/verdicts\"");
    } else if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      problems.check(
          path,
          "'"
              + TokenText.withoutCredentials(url.toString())
              + "' is not an http:// or https:// URL");
    } else if (url.getHost() == null) {
      problems.check(path, "the URL has no host: write e.g. http://127.0.0.1:8080/verdicts");
    }
    ranges.duration(
        CameraValidator.at(at, "timeout"),
        o.timeout(),
        Duration.ofMillis(100),
        Duration.ofMinutes(1));
    ranges.whole(CameraValidator.at(at, "retries"), o.retries(), 0, 10, "attempts after the first");
    ranges.whole(CameraValidator.at(at, "queue"), o.queue(), 1, 100_000, "outcomes");
  }

  private void lineKeysForeign(String at, OutputConfig o) {
    foreign(at, "line", o.line(), "line");
    foreign(at, "source", o.source(), "line");
    foreign(at, "pulse", o.pulse(), "line");
    foreign(at, "invert", o.invert(), "line");
  }

  private void foreign(String at, String key, Object value, String owner) {
    if (value != null) {
      problems.check(
          CameraValidator.at(at, key),
          "'" + key + "' is a setting of " + owner + " outputs, not of this one: remove it");
    }
  }

  private void checkTopic(String path, String topic, java.util.Collection<String> allowed) {
    if (topic == null) {
      return;
    }
    if (topic.isBlank()) {
      problems.check(path, "the topic is empty");
      return;
    }
    if (topic.contains("+") || topic.contains("#")) {
      problems.check(
          path, "'" + topic + "' has a wildcard (+ or #): a message is published to one topic");
      return;
    }
    Matcher m = PLACEHOLDER.matcher(topic);
    while (m.find()) {
      if (!allowed.contains(m.group())) {
        problems.check(
            path,
            "unknown placeholder "
                + m.group()
                + " in topic '"
                + topic
                + "': use "
                + String.join(", ", allowed.stream().sorted().toList()));
        return;
      }
    }
  }

  private void unique(
      Map<String, Integer> seen, String value, int index, String at, String key, String why) {
    if (value == null) {
      return;
    }
    Integer first = seen.putIfAbsent(value, index);
    if (first != null) {
      problems.check(
          CameraValidator.at(at, key),
          key + " '" + value + "' is already used by outputs[" + first + "]: " + why);
    }
  }

  private void checkNames(String path, List<OutputConfig> outputs) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      OutputConfig o = outputs.get(i);
      if (o != null && o.name() != null) {
        unique(
            seen,
            o.name(),
            i,
            YamlPaths.element(CameraValidator.at(path, "outputs"), i),
            "name",
            "output names label their metrics and must be unique per camera");
      }
    }
  }
}
