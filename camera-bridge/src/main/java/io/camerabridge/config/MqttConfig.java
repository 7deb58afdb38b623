package io.camerabridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The one MQTT broker all {@code type: mqtt} outputs publish to.
 *
 * @param broker {@code tcp://host:1883} or {@code ssl://host:8883} (required)
 * @param clientId the client id, also in the status topic (default camera-bridge)
 * @param username optional user name
 * @param password optional password, usually {@code ${MQTT_PASSWORD}}
 * @param statusTopic where {@code online} (on connect) and {@code offline} (the broker's last will)
 *     are published, retained (default {@value #DEFAULT_STATUS_TOPIC})
 * @param queue messages waiting while the broker is away, beyond which they are dropped (default
 *     1000)
 * @param keepAlive MQTT keep-alive interval (default 30s)
 * @param connectTimeout per connection attempt (default 5s)
 */
public record MqttConfig(
    URI broker,
    String clientId,
    String username,
    Secret password,
    String statusTopic,
    Integer queue,
    Duration keepAlive,
    Duration connectTimeout) {

  public static final String DEFAULT_CLIENT_ID = "camera-bridge";
  public static final String DEFAULT_STATUS_TOPIC = "camera-bridge/{clientId}/status";
  public static final int DEFAULT_QUEUE = 1000;

  /** Fills in defaults. */
  public MqttConfig {
    clientId = clientId == null ? DEFAULT_CLIENT_ID : clientId;
    statusTopic = statusTopic == null ? DEFAULT_STATUS_TOPIC : statusTopic;
    queue = queue == null ? DEFAULT_QUEUE : queue;
    keepAlive = keepAlive == null ? Duration.ofSeconds(30) : keepAlive;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
  }

  /** The status topic with {@code {clientId}} filled in. */
  public String resolvedStatusTopic() {
    return statusTopic.replace("{clientId}", clientId);
  }

  public Optional<String> user() {
    return Optional.ofNullable(username);
  }

  public Optional<Secret> secret() {
    return Optional.ofNullable(password);
  }
}
