package io.camerabridge.outputs;

import io.camerabridge.config.OutputConfig;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.ops.logging.RateLimitedLog;
import io.camerabridge.outcome.PartOutcome;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A camera's webhook: each outcome is POSTed as JSON, in order, by one thread ({@code
 * webhook-<camera>-<name>}). A failed attempt (no answer within {@code timeout}, or a status other
 * than 2xx) is retried {@code retries} times with back-off (100 ms, doubling, at most 2 s); then
 * the outcome counts as failed and the next one goes. Outcomes wait in a bounded queue; a full
 * queue drops the new one, counted.
 */
final class WebhookOutput implements Output {
  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(WebhookOutput.class));
  private static final Duration BACKOFF_INITIAL = Duration.ofMillis(100);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(2);

  private final String camera;
  private final String name;
  private final OutputConfig config;
  private final OutputMeters meters;
  private final BlockingQueue<PartOutcome> queue;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final HttpClient http;
  private final Thread worker;
  private volatile long drainUntilNanos = Long.MAX_VALUE;

  WebhookOutput(String camera, String name, OutputConfig config, OutputMeters meters) {
    this.camera = camera;
    this.name = name;
    this.config = config;
    this.meters = meters;
    this.queue = new ArrayBlockingQueue<>(config.queue());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.worker = new Thread(this::run, "webhook-" + camera + "-" + name);
    this.worker.setDaemon(true);
    this.worker.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void offer(PartOutcome part, boolean fires) {
    if (fires && !queue.offer(part)) {
      meters.dropped();
    }
  }

  @Override
  public OutputHealth health() {
    return meters.health();
  }

  @Override
  public int queued() {
    return queue.size();
  }

  @Override
  public void close(Duration timeout) {
    drainUntilNanos = System.nanoTime() + timeout.toNanos();
    stop.countDown();
    try {
      // The drain, plus the one request that may be in flight when it ends.
      worker.join(timeout.toMillis() + config.timeout().toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = 0;
    for (PartOutcome p; (p = queue.poll()) != null; left++) {
      meters.dropped();
    }
    if (worker.isAlive() || left > 0) {
      LOG.warn(
          camera + "/" + name + "/close",
          "Camera {}: webhook {} gave up at shutdown after {} ms{}; {} queued outcome(s) not"
              + " posted (counted as dropped)",
          camera,
          name,
          timeout.toMillis(),
          worker.isAlive() ? " (a request is still unanswered)" : "",
          left);
    }
  }

  private void run() {
    try {
      while (!(stopping() && (queue.isEmpty() || !canDrain()))) {
        PartOutcome part = queue.poll(100, TimeUnit.MILLISECONDS);
        if (part != null) {
          deliver(part);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(PartOutcome part) throws InterruptedException {
    long started = OutputMeters.epochNanosNow();
    HttpRequest request =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Payload.of(part, config.context())))
            .build();
    Duration backoff = BACKOFF_INITIAL;
    for (int attempt = 0; ; attempt++) {
      String failure;
      try {
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          meters.fired(part, started);
          return;
        }
        failure = "HTTP " + r.statusCode();
      } catch (IOException e) {
        failure = e.toString();
      }
      if (attempt >= config.retries() || (stopping() && !canDrain())) {
        meters.failed();
        LOG.warn(
            camera + "/" + name,
            "Camera {}: webhook {} failed for sequence {} after {} attempt(s): {}",
            camera,
            name,
            part.sequence(),
            attempt + 1,
            failure);
        return;
      }
      stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
      backoff =
          backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0
              ? BACKOFF_MAX
              : backoff.multipliedBy(2);
    }
  }

  private boolean stopping() {
    return stop.getCount() == 0;
  }

  private boolean canDrain() {
    return System.nanoTime() - drainUntilNanos < 0;
  }
}
