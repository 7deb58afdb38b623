package io.camerabridge.plc;

import static org.assertj.core.api.Assertions.assertThat;

import io.camerabridge.config.PlcHandshake;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.PartOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PLC core on its own thread: every state a listener is told, in order, for each handshake
 * mode; the PLC's writes reach the link.
 */
class PlcCameraCoreTest {
  private final BlockingQueue<PlcState> seen = new LinkedBlockingQueue<>();
  private final RecordingLink link = new RecordingLink();
  private PlcCameraCore core;
  private String last;

  private PlcCameraCore start(PlcHandshake mode, int queue) {
    core = new PlcCameraCore("top", 2, mode, queue, link);
    core.addListener(() -> seen.add(core.state()));
    core.start();
    return core;
  }

  @AfterEach
  void stop() {
    if (core != null) {
      core.close();
    }
  }

  private static PartOutcome part(long sequence, Outcome outcome, String error) {
    return new PartOutcome(
        "top",
        sequence,
        65400 + sequence,
        outcome,
        outcome == Outcome.ERROR ? null : outcome,
        outcome == Outcome.NG ? 3 : 0,
        1_700_000_000_000_000_000L + sequence,
        1_000_000,
        false,
        Map.of(),
        null,
        error,
        Map.of(),
        "part-" + sequence,
        null);
  }

  /** The told states as (sequence, ResultValid), repeats (refreshes) left out, until n. */
  private List<String> transitions(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      PlcState s = seen.poll(5, TimeUnit.SECONDS);
      assertThat(s).as("state %s of %s within 5 s, after %s", out.size() + 1, n, out).isNotNull();
      String t = s.sequence() + (s.resultValid() ? "+" : "-");
      if (!t.equals(last)) {
        out.add(t);
        last = t;
      }
    }
    return out;
  }

  private void awaitShown(String transition) throws InterruptedException {
    while (true) {
      PlcState s = seen.poll(5, TimeUnit.SECONDS);
      assertThat(s).as("%s within 5 s", transition).isNotNull();
      last = s.sequence() + (s.resultValid() ? "+" : "-");
      if (last.equals(transition)) {
        return;
      }
    }
  }

  @Test
  void queueShowsEachOutcomeInOrderOneAckAtATimeAndCountsOverflow() throws Exception {
    start(PlcHandshake.QUEUE, 2);

    for (long seq = 1; seq <= 4; seq++) {
      core.accept(part(seq, seq == 2 ? Outcome.NG : Outcome.OK, null));
    }
    assertThat(transitions(1)).containsExactly("1+");
    assertThat(core.state().verdict()).isEqualTo(Outcome.OK);
    assertThat(core.state().frameId()).isEqualTo(65401);
    List<String> after = new ArrayList<>();
    for (int ack = 0; ack < 3; ack++) {
      assertThat(core.acknowledge()).isTrue();
      after.addAll(transitions(ack < 2 ? 2 : 1));
    }

    // 2 and 3 waited behind 1 in a queue of 2; 4 found it full.
    assertThat(after).containsExactly("1-", "2+", "2-", "3+", "3-");
    assertThat(core.acks()).isEqualTo(3);
    assertThat(core.queueOverflow()).isEqualTo(1);
    assertThat(core.acknowledge()).as("nothing left to acknowledge").isFalse();
    assertThat(core.state().ok()).isEqualTo(3);
    assertThat(core.state().ng()).isEqualTo(1);
  }

  @Test
  void latestShowsTheNewestAndCountsTheUnacknowledged() throws Exception {
    start(PlcHandshake.LATEST, 16);

    core.accept(part(1, Outcome.OK, null));
    awaitShown("1+");
    core.accept(part(2, Outcome.NG, null));
    core.accept(part(3, Outcome.OK, null));
    assertThat(transitions(2)).containsExactly("2+", "3+");
    assertThat(core.acknowledge()).isTrue();
    assertThat(transitions(1)).containsExactly("3-");

    assertThat(core.unacknowledged()).isEqualTo(2);
    assertThat(core.acks()).isEqualTo(1);
    assertThat(core.acknowledge()).isFalse();
    assertThat(core.state().ack()).isFalse();
  }

  @Test
  void offOverwritesAndHasNothingToAcknowledge() throws Exception {
    start(PlcHandshake.OFF, 16);

    core.accept(part(1, Outcome.OK, null));
    core.accept(part(2, Outcome.OK, null));
    assertThat(transitions(2)).containsExactly("1+", "2+");
    assertThat(core.acknowledge()).isFalse();
    core.accept(part(3, Outcome.OK, null));
    assertThat(transitions(1)).containsExactly("3+");

    assertThat(core.acks()).isZero();
    assertThat(core.unacknowledged()).isZero();
  }

  @Test
  void errorsAndTimeoutsCountAsFailedWithTheLastErrorCode() throws Exception {
    start(PlcHandshake.OFF, 16);

    core.accept(part(1, Outcome.ERROR, "analyzer_busy"));
    core.accept(part(2, Outcome.TIMEOUT, null));
    core.accept(part(3, Outcome.ERROR, "http_error"));
    transitions(3);

    assertThat(core.state().failed()).isEqualTo(3);
    assertThat(core.state().lastErrorCode()).isEqualTo(PlcErrorCode.HTTP_ERROR.code());
    assertThat(core.state().verdictCode()).isEqualTo(4);
    assertThat(PlcErrorCode.of("analyzer_busy").code()).isEqualTo(12);
    assertThat(PlcErrorCode.of("something new")).isEqualTo(PlcErrorCode.OTHER);
  }

  @Test
  void partIdTriggerAndRecipeReachTheLink() throws Exception {
    start(PlcHandshake.QUEUE, 16);

    core.partId("P-77");
    assertThat(core.trigger()).isTrue();
    core.recipe(1);
    core.recipe(9);

    assertThat(link.events).containsExactly("partId P-77", "trigger", "recipe 1", "recipe 9");
    while (!core.state().partId().equals("P-77") || core.state().recipe() != 1) {
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(core.triggers(true)).isEqualTo(1);
    assertThat(core.recipeSwitches(true)).isEqualTo(1);
    assertThat(core.recipeSwitches(false)).isEqualTo(1);
  }

  @Test
  void aStalledPlcThreadNeverBlocksTheSenderAndOverflowIsCounted() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    core = new PlcCameraCore("top", 0, PlcHandshake.OFF, 16, link);
    core.addListener(
        () -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    core.start();
    core.accept(part(1, Outcome.OK, null));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    for (long seq = 2; seq <= PlcCameraCore.INBOX_CAPACITY + 11; seq++) {
      core.accept(part(seq, Outcome.OK, null));
    }
    release.countDown();

    assertThat(core.inboxOverflow()).isEqualTo(10);
  }

  /** Records what the core passes on, in order. */
  private static final class RecordingLink implements PlcCameraLink {
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger acquired = new AtomicInteger();

    @Override
    public PlcState.CameraState cameraState() {
      return PlcState.CameraState.STREAMING;
    }

    @Override
    public long acquired() {
      return acquired.get();
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public boolean trigger() {
      events.add("trigger");
      return true;
    }

    @Override
    public void partId(String partId) {
      events.add("partId " + partId);
    }

    @Override
    public boolean recipe(int number) {
      events.add("recipe " + number);
      return number <= 1;
    }
  }
}
