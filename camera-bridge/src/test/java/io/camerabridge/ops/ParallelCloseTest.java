package io.camerabridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shutdown's output closes run side by side within one budget (issue #20, the siblings of item
 * 11): each step here waits, within its budget, for the other to have started. Run in turn, the
 * first would end before the second began.
 */
class ParallelCloseTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void everyStepStartsBeforeAnyEndsAndEachGetsTheWholeBudget() {
    CountDownLatch webhookStarted = new CountDownLatch(1);
    CountDownLatch mqttStarted = new CountDownLatch(1);
    List<Duration> budgets = new CopyOnWriteArrayList<>();
    ParallelClose.run(
        List.of(
            new ParallelClose.Step(
                "webhook", b -> step("webhook", b, budgets, webhookStarted, mqttStarted)),
            new ParallelClose.Step(
                "mqtt", b -> step("mqtt", b, budgets, mqttStarted, webhookStarted))),
        Duration.ofSeconds(10));

    assertThat(events).hasSize(4);
    assertThat(events.subList(0, 2)).containsExactlyInAnyOrder("start webhook", "start mqtt");
    assertThat(events.subList(2, 4)).containsExactlyInAnyOrder("end webhook", "end mqtt");
    assertThat(budgets).containsOnly(Duration.ofSeconds(10));
  }

  @Test
  void aStepThatFailsLeavesTheOthersToFinishAndRunReturns() {
    ParallelClose.run(
        List.of(
            new ParallelClose.Step(
                "broken",
                b -> {
                  throw new IllegalStateException("boom");
                }),
            new ParallelClose.Step("journal", b -> events.add("journal closed"))),
        Duration.ofSeconds(1));

    assertThat(events).containsExactly("journal closed");
  }

  @Test
  void aStepThatBreaksItsBoundIsLeftBehindSoTheStopEnds() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ParallelClose.run(
        List.of(
            new ParallelClose.Step(
                "hung",
                b -> {
                  events.add("hung started");
                  try {
                    never.await(); // ignores its budget, as a broken close would
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  events.add("hung ended");
                }),
            new ParallelClose.Step("journal", b -> events.add("journal closed"))),
        Duration.ofMillis(100));
    events.add("run returned");

    assertThat(events).containsExactlyInAnyOrder("hung started", "journal closed", "run returned");
    assertThat(events.get(2)).isEqualTo("run returned");
    never.countDown();
  }

  private void step(
      String name,
      Duration budget,
      List<Duration> budgets,
      CountDownLatch mine,
      CountDownLatch other) {
    budgets.add(budget);
    events.add("start " + name);
    mine.countDown();
    try {
      // Bounded by the step's budget like a real close: run in turn, it would give up here.
      other.await(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    events.add("end " + name);
  }
}
