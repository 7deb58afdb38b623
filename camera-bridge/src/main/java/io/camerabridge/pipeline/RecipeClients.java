package io.camerabridge.pipeline;

import io.camerabridge.config.PekatConfig;
import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam where a PLC's recipe picks a camera's PEKAT project: one client per recipe (0 = the
 * camera's own {@code pekat.url}, then {@code plc.recipes}), all opened at start, and the one in
 * use read once per frame. A frame therefore goes to one project as a whole; a switch takes effect
 * between frames, and frames already sent finish where they went.
 */
public final class RecipeClients implements PekatClient {
  private static final Logger LOG = LoggerFactory.getLogger(RecipeClients.class);

  private final String cameraId;
  private final Map<Integer, PekatClient> clients;
  private volatile int recipe;
  private volatile PekatClient current;

  /**
   * @param open opens a client for an endpoint (the shared event loops); clients opened before a
   *     failure are closed again
   */
  public static RecipeClients open(
      String cameraId,
      PekatConfig pekat,
      Map<Integer, URI> recipes,
      Function<PekatEndpoint, PekatClient> open) {
    Map<Integer, PekatClient> clients = new LinkedHashMap<>();
    try {
      clients.put(0, open.apply(PipelineParts.endpoint(pekat)));
      recipes.forEach((n, url) -> clients.put(n, open.apply(PipelineParts.endpoint(pekat, url))));
    } catch (RuntimeException e) {
      clients.values().forEach(PekatClient::close);
      throw e;
    }
    return new RecipeClients(cameraId, clients);
  }

  private RecipeClients(String cameraId, Map<Integer, PekatClient> clients) {
    this.cameraId = cameraId;
    this.clients = Collections.unmodifiableMap(clients);
    this.current = clients.get(0);
  }

  /**
   * Sends the next frames to this recipe's project.
   *
   * @return false when there is no such recipe (nothing changes)
   */
  public boolean use(int number) {
    PekatClient next = clients.get(number);
    if (next == null) {
      return false;
    }
    if (number != recipe) {
      recipe = number;
      current = next;
      LOG.info(
          "Camera {}: recipe {}: frames go to {} from the next frame on",
          cameraId,
          number,
          next.endpoint().host() + ":" + next.endpoint().port() + next.endpoint().basePath());
    }
    return true;
  }

  /** The recipe in use. */
  public int recipe() {
    return recipe;
  }

  @Override
  public PekatEndpoint endpoint() {
    return current.endpoint();
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyze(RawFrame frame, String data) {
    return current.analyze(frame, data);
  }

  @Override
  public CompletionStage<AnalysisOutcome> analyzeImage(ByteBuf encoded, String data) {
    return current.analyzeImage(encoded, data);
  }

  @Override
  public int inFlight() {
    return clients.values().stream().mapToInt(PekatClient::inFlight).sum();
  }

  @Override
  public long retries() {
    return clients.values().stream().mapToLong(PekatClient::retries).sum();
  }

  @Override
  public boolean awaitCapacity(Duration timeout) throws InterruptedException {
    return current.awaitCapacity(timeout);
  }

  /** Drains every recipe's client within one {@code drain} budget. */
  @Override
  public void close(Duration drain) {
    long deadline = System.nanoTime() + drain.toNanos();
    for (PekatClient c : clients.values()) {
      c.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }
}
