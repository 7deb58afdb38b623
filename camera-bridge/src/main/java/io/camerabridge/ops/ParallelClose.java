package io.camerabridge.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several shutdown steps at once, each given the same budget, so a stop waits for the slowest
 * of them and not for their sum: a hung webhook and a silent MQTT broker each run out their time
 * side by side instead of one after the other.
 *
 * <p>Every step must bound itself by the budget it is given (plus at most one request it already
 * has under way); this class does not abandon a step, it only overlaps them.
 */
public final class ParallelClose {
  private static final Logger LOG = LoggerFactory.getLogger(ParallelClose.class);

  /**
   * One step of a shutdown.
   *
   * @param name names the step's thread and its failure in the log
   * @param close closes something within the budget it is given
   */
  public record Step(String name, Consumer<Duration> close) {}

  private ParallelClose() {}

  /**
   * Beyond the budget, what a step may still take to end one request it had under way; a step still
   * running after that broke its own bound and is left behind, so the stop itself stays bounded.
   */
  static final Duration GRACE = Duration.ofSeconds(5);

  /**
   * Starts every step on its own thread with {@code budget}, and returns when all have ended, or at
   * the latest {@link #GRACE} after the budget.
   */
  public static void run(List<Step> steps, Duration budget) {
    List<Thread> threads = new ArrayList<>(steps.size());
    for (Step step : steps) {
      Thread t = new Thread(() -> runStep(step, budget), "close-" + step.name());
      t.setDaemon(true); // a step that breaks its own bound must not keep the JVM alive
      t.start();
      threads.add(t);
    }
    long deadline = System.nanoTime() + budget.toNanos() + GRACE.toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) {
        LOG.warn(
            "Shutdown: {} did not end within {} (+{}); the stop goes on without it",
            t.getName(),
            budget,
            GRACE);
      }
    }
  }

  private static void runStep(Step step, Duration budget) {
    try {
      step.close().accept(budget);
    } catch (RuntimeException e) {
      LOG.warn("Shutdown: closing {} failed", step.name(), e);
    }
  }
}
