package io.camerabridge.analyzers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camerabridge.pekat.AnalysisOutcome;
import io.camerabridge.pekat.EndpointRules;
import io.camerabridge.pekat.PekatClient;
import io.camerabridge.pekat.PekatEndpoint;
import io.camerabridge.pekat.RawFrame;
import io.camerabridge.pekat.RawLayout;
import io.camerabridge.pekat.netty.ClientResources;
import io.camerabridge.pekat.netty.NettyPekatClient;
import io.camerabridge.tools.sim.Fault;
import io.camerabridge.tools.sim.Latency;
import io.camerabridge.tools.sim.PekatSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's "frames lost = only those in flight at the dead instance" when every other instance
 * is busy: the slot a dying instance frees must not take the next frame, which would only find the
 * port refused. Two real simulators on loopback, real clients; the frame waiting for a slot is a
 * real frame thread blocked in {@link AnalyzerPool#acquire}.
 */
class DeadInstanceSlotTest {
  private static final FrameShape SHAPE = new FrameShape(64, 48, RawLayout.GRAY8);

  private final ClientResources resources = ClientResources.create(1);
  private final List<PekatSimulator> sims =
      List.of(simulator(), simulator()); // both answer warm-ups at once
  private AnalyzerPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(Duration.ofSeconds(2));
    }
    sims.forEach(PekatSimulator::close);
    resources.close();
  }

  @Test
  void aFrameWaitingWhileAnInstanceDiesGoesToTheSurvivorNotToTheDeadPort() throws Exception {
    List<PekatClient> clients =
        sims.stream()
            .map(s -> NettyPekatClient.open(PekatEndpoint.builder(s.baseUri()).build(), resources))
            .toList();
    pool = AnalyzerPool.start("cam", clients, false, Optional.of(SHAPE));
    assertThat(pool.awaitReady(2, Duration.ofSeconds(20))).isTrue();

    // acquire only looks at the frame (its shape); the frames sent are handed over by analyze.
    RawFrame seen = SHAPE.midGrey();
    // One frame at each instance: the victim holds its frame until it dies, the survivor
    // answers after a while, so a third frame has to wait for a slot.
    AnalyzerPool.Slot first = pool.acquire(seen, Duration.ZERO);
    AnalyzerPool.Slot second = pool.acquire(seen, Duration.ZERO);
    Map<String, PekatSimulator> byName = Map.of(name(0), sims.get(0), name(1), sims.get(1));
    PekatSimulator victim = byName.get(first.instanceName());
    PekatSimulator survivor = byName.get(second.instanceName());
    victim.setLatency(Latency.fixed(Duration.ofHours(1)));
    survivor.setLatency(Latency.fixed(Duration.ofSeconds(2)));
    List<String> events = new CopyOnWriteArrayList<>();
    pool.analyze(first, SHAPE.midGrey(), "part-1", AnalyzerPool.NO_DEADLINE)
        .thenAccept(r -> events.add("part-1 " + outcomeKind(r.outcome())));
    pool.analyze(second, SHAPE.midGrey(), "part-2", AnalyzerPool.NO_DEADLINE)
        .thenAccept(r -> events.add("part-2 " + outcomeKind(r.outcome())));

    CompletableFuture<AnalyzerPool.Slot> third = new CompletableFuture<>();
    Thread frameThread =
        new Thread(
            () -> {
              try {
                AnalyzerPool.Slot s = pool.acquire(seen, Duration.ofMinutes(1));
                events.add("part-3 slot");
                third.complete(s);
              } catch (InterruptedException e) {
                third.completeExceptionally(e);
              }
            },
            "frame-thread");
    frameThread.start();
    await().until(() -> frameThread.getState() == Thread.State.TIMED_WAITING);

    victim.setFault(Fault.REFUSE_CONNECTIONS);

    AnalyzerPool.Slot slot = third.get();
    assertThat(slot.instanceName()).isEqualTo(second.instanceName());
    // The victim's frame failed before the waiting frame got its slot, at the survivor.
    assertThat(events).containsSubsequence("part-1 failed", "part-3 slot");
    assertThat(pool.status())
        .filteredOn(i -> i.analyzer().equals(first.instanceName()))
        .singleElement()
        .satisfies(i -> assertThat(i.state()).isEqualTo(AnalyzerState.DOWN));
    survivor.setLatency(Latency.fixed(Duration.ZERO));
    pool.analyze(slot, SHAPE.midGrey(), "part-3", AnalyzerPool.NO_DEADLINE)
        .thenAccept(r -> events.add("part-3 " + outcomeKind(r.outcome())));
    await().until(() -> events.contains("part-3 analyzed"));
    assertThat(events).contains("part-2 analyzed");
    seen.pixels().release();
  }

  private String name(int i) {
    return EndpointRules.instanceName(sims.get(i).baseUri());
  }

  private static String outcomeKind(AnalysisOutcome outcome) {
    return outcome instanceof AnalysisOutcome.Analyzed ? "analyzed" : "failed";
  }

  private static PekatSimulator simulator() {
    return PekatSimulator.builder().port(0).lanes(1).recentRequests(0).build().start();
  }
}
