package io.camerabridge.plc;

import io.camerabridge.outcome.Outcome;
import io.camerabridge.plc.PlcState.CameraState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A PLC camera for the protocol servers' own tests (OPC UA and Modbus): a state that the test sets,
 * a handshake like the PLC core's (Ack clears ResultValid and Ack), and a record of what the PLC
 * asked for. Listeners run on one thread of its own, as the core's do.
 */
public final class TestPlcCamera implements PlcCamera {
  private final String id;
  private final int slot;
  private final ExecutorService core;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<String> partIds = new CopyOnWriteArrayList<>();
  private final List<Integer> recipes = new CopyOnWriteArrayList<>();
  private final AtomicInteger acks = new AtomicInteger();
  private final AtomicInteger triggers = new AtomicInteger();
  private volatile boolean triggerable = true;
  private volatile PlcState state;

  public TestPlcCamera(String id) {
    this(id, 0);
  }

  public TestPlcCamera(String id, int slot) {
    this.id = id;
    this.slot = slot;
    this.core = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-plc-core-" + id));
    this.state =
        new PlcState(
            0, null, 0, 0, null, false, false, CameraState.STARTING, 0.0, 0, 0, 0, 0, 0, "", 0);
  }

  /** A new outcome shown with ResultValid set, as the core does. */
  public void outcome(long sequence, Outcome verdict, int defects, Instant timestamp) {
    update(
        s ->
            new PlcState(
                sequence,
                verdict,
                defects,
                sequence + 1000,
                timestamp,
                true,
                false,
                CameraState.STREAMING,
                29.5,
                s.ok() + (verdict == Outcome.OK ? 1 : 0),
                s.ng() + (verdict == Outcome.NG ? 1 : 0),
                s.failed() + (verdict == Outcome.ERROR || verdict == Outcome.TIMEOUT ? 1 : 0),
                s.dropped(),
                verdict == Outcome.ERROR ? 7 : s.lastErrorCode(),
                s.partId(),
                s.recipe()));
  }

  public void update(UnaryOperator<PlcState> change) {
    core.execute(
        () -> {
          state = change.apply(state);
          listeners.forEach(Runnable::run);
        });
  }

  public void refuseTriggers() {
    triggerable = false;
  }

  public int acks() {
    return acks.get();
  }

  public int triggers() {
    return triggers.get();
  }

  public List<String> partIds() {
    return partIds;
  }

  public List<Integer> recipes() {
    return recipes;
  }

  public void close() {
    core.shutdownNow();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int slot() {
    return slot;
  }

  @Override
  public PlcState state() {
    return state;
  }

  @Override
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  @Override
  public boolean acknowledge() {
    acks.incrementAndGet();
    boolean waiting = state.resultValid();
    update(s -> with(s, false, s.partId(), s.recipe()));
    return waiting;
  }

  @Override
  public boolean trigger() {
    if (!triggerable) {
      return false;
    }
    triggers.incrementAndGet();
    return true;
  }

  @Override
  public void partId(String partId) {
    partIds.add(partId);
    update(s -> with(s, s.resultValid(), partId, s.recipe()));
  }

  @Override
  public void recipe(int number) {
    recipes.add(number);
    update(s -> with(s, s.resultValid(), s.partId(), number));
  }

  private static PlcState with(PlcState s, boolean resultValid, String partId, int recipe) {
    return new PlcState(
        s.sequence(),
        s.verdict(),
        s.defects(),
        s.frameId(),
        s.timestamp(),
        resultValid,
        false,
        s.cameraState(),
        s.fps(),
        s.ok(),
        s.ng(),
        s.failed(),
        s.dropped(),
        s.lastErrorCode(),
        partId,
        recipe);
  }
}
