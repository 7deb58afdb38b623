package io.camerabridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerdictSequencerTest {
  private final List<PartOutcome> told = new CopyOnWriteArrayList<>();
  private VerdictSequencer sequencer;

  @AfterEach
  void close() {
    if (sequencer != null) {
      sequencer.close();
    }
  }

  private VerdictSequencer start(Duration deadline, Outcome onTimeout, int capacity) {
    sequencer = new VerdictSequencer("cam", deadline, onTimeout, capacity, told::add);
    return sequencer;
  }

  private static long now() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static Verdict ng(int defects) {
    return new Verdict(Outcome.NG, defects, Map.of("scratch", defects), "{\"result\":false}", null);
  }

  private static Verdict ok() {
    return new Verdict(Outcome.OK, 0, Map.of(), "{\"result\":true}", null);
  }

  private List<Long> sequences() {
    return told.stream().map(PartOutcome::sequence).toList();
  }

  @Test
  void thePartNamesTheInstanceThatAnsweredAndAFailedPartWithoutOneNamesNone() {
    VerdictSequencer s = start(null, Outcome.NG, 16);
    s.expect(1, 101, now());
    s.expect(2, 102, now());

    s.answer(1, ok().from("10.0.0.5:8001"));
    s.fail(2, "analyzer_down");

    assertThat(told).extracting(PartOutcome::analyzer).containsExactly("10.0.0.5:8001", null);
  }

  @Test
  void answersInAnyOrderComeOutInSequenceOrder() {
    VerdictSequencer s = start(null, Outcome.NG, 16);
    for (long seq = 1; seq <= 4; seq++) {
      s.expect(seq, 100 + seq, now());
    }

    s.answer(3, ok());
    s.answer(2, ng(2));
    assertThat(told).isEmpty();
    s.answer(1, ok());
    assertThat(sequences()).containsExactly(1L, 2L, 3L);
    s.fail(4, "analyzer_busy");

    assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(told)
        .extracting(PartOutcome::outcome)
        .containsExactly(Outcome.OK, Outcome.NG, Outcome.OK, Outcome.ERROR);
    assertThat(told.get(1).defects()).isEqualTo(2);
    assertThat(told.get(1).frameId()).isEqualTo(102);
    assertThat(told.get(3).error()).isEqualTo("analyzer_busy");
    assertThat(told).noneMatch(PartOutcome::late);
  }

  @Test
  void aMissingAnswerTimesOutAtItsDeadlineAndItsLateAnswerIsNotToldAgain() {
    VerdictSequencer s = start(Duration.ofMillis(150), Outcome.NG, 16);
    s.expect(1, 1, now());
    s.expect(2, 2, now());
    assertThat(s.answer(2, ok())).isEqualTo(VerdictSequencer.Arrival.ON_TIME);

    await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 2);
    assertThat(told.get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(told.get(0).decision()).isEqualTo(Outcome.NG);
    assertThat(told.get(0).latencyNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
    assertThat(told.get(1).outcome()).isEqualTo(Outcome.OK);

    assertThat(s.answer(1, ng(1))).isEqualTo(VerdictSequencer.Arrival.LATE);
    assertThat(told).hasSize(2);
    assertThat(s.lateAnswers()).isEqualTo(1);
    assertThat(s.emitted(Outcome.TIMEOUT)).isEqualTo(1);
  }

  @Test
  void anAnswerAfterItsDeadlineLosesToTheTimeoutEvenBeforeTheTimerRuns() {
    // No timer without a deadline thread? There is one; the buffer is simply old already.
    VerdictSequencer s = start(Duration.ofMillis(50), Outcome.OK, 16);
    s.expect(1, 1, now() - Duration.ofSeconds(1).toNanos());

    // The timer may or may not have decided it yet; either way the answer is late.
    assertThat(s.answer(1, ng(3))).isEqualTo(VerdictSequencer.Arrival.LATE);
    await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);
    assertThat(told.get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(told.get(0).decision()).isEqualTo(Outcome.OK);
  }

  @Test
  void aDecidedPartWaitsForAnEarlierOneUntilThatOnesDeadline() throws InterruptedException {
    VerdictSequencer s = start(Duration.ofMillis(200), null, 16);
    CountDownLatch second = new CountDownLatch(1);
    s.expect(1, 1, now());
    s.expect(2, 2, now());
    s.answer(2, ng(1));
    assertThat(told).as("2 waits for 1").isEmpty();

    await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 2);
    assertThat(sequences()).containsExactly(1L, 2L);
    assertThat(told.get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(told.get(0).decision()).as("skip: no decision").isNull();
    assertThat(told.get(1).outcome()).isEqualTo(Outcome.NG);
    second.countDown();
    assertThat(second.await(1, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aFullRingDecidesTheOldestAtOnceInsteadOfGrowing() {
    VerdictSequencer s = start(null, Outcome.NG, 4);
    for (long seq = 1; seq <= 4; seq++) {
      s.expect(seq, seq, now());
    }
    s.expect(5, 5, now());

    assertThat(sequences()).containsExactly(1L);
    assertThat(told.get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(s.forcedTimeouts()).isEqualTo(1);
    assertThat(s.waiting()).isEqualTo(4);
  }

  @Test
  void closingDecidesWhatIsStillWaitingAndLaterAnswersAreLate() {
    VerdictSequencer s = start(Duration.ofSeconds(30), Outcome.NG, 16);
    s.expect(1, 1, now());
    s.expect(2, 2, now());

    s.close();

    assertThat(told)
        .extracting(PartOutcome::outcome)
        .containsExactly(Outcome.TIMEOUT, Outcome.TIMEOUT);
    assertThat(s.answer(2, ok())).isEqualTo(VerdictSequencer.Arrival.LATE);
    assertThat(told).hasSize(2);
  }

  @Test
  void aGapInTheSequenceDoesNotHoldLaterParts() {
    VerdictSequencer s = start(null, Outcome.NG, 16);
    s.expect(1, 1, now());
    s.expect(3, 3, now());

    s.answer(3, ok());
    s.answer(1, ok());

    assertThat(sequences()).containsExactly(1L, 3L);
  }
}
