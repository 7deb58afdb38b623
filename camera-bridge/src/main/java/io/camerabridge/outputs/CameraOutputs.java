package io.camerabridge.outputs;

import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.config.CameraConfig;
import io.camerabridge.config.OutputConfig;
import io.camerabridge.config.OutputOn;
import io.camerabridge.config.OutputType;
import io.camerabridge.config.TimeoutVerdict;
import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.metrics.MeterTags;
import io.camerabridge.ops.OutputHealth;
import io.camerabridge.ops.ParallelClose;
import io.camerabridge.outcome.Outcome;
import io.camerabridge.outcome.PartOutcome;
import io.camerabridge.outcome.VerdictSequencer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One camera's verdict policy and outputs: the {@link VerdictSequencer} that decides each part's
 * outcome in sequence order, and the outputs it fans out to. Built once per camera and kept across
 * reconnects; line outputs are configured again on every open.
 */
public final class CameraOutputs implements Consumer<PartOutcome> {
  /** Parts that may wait for their outcome at once (the sequencer's bound). */
  static final int MAX_WAITING = 1024;

  private record Bound(OutputConfig config, String name, Output output) {}

  private final String camera;
  private final List<Bound> outputs = new ArrayList<>();
  private final List<LineOutput> lines = new ArrayList<>();
  private final List<OutputMeters> meters = new ArrayList<>();
  private final UserOutputSelection selection = new UserOutputSelection();
  private final VerdictSequencer sequencer;
  private volatile Consumer<PartOutcome> observer = p -> {};
  private volatile Consumer<PartOutcome> plc = p -> {};

  private CameraOutputs(
      CameraConfig config, Optional<MqttPublisher> publisher, MeterRegistry registry) {
    this.camera = config.id();
    Map<OutputType, Integer> perType = new HashMap<>();
    for (OutputConfig oc : config.outputs()) {
      int n = perType.merge(oc.type(), 1, Integer::sum);
      String name =
          oc.name() != null ? oc.name() : oc.type().configName() + (n == 1 ? "" : "-" + n);
      outputs.add(new Bound(oc, name, build(oc, name, publisher, registry)));
    }
    TimeoutVerdict onTimeout = config.verdict().onTimeout();
    Outcome decision =
        switch (onTimeout) {
          case NG -> Outcome.NG;
          case OK -> Outcome.OK;
          case SKIP -> null;
        };
    this.sequencer =
        new VerdictSequencer(camera, config.verdict().deadline(), decision, MAX_WAITING, this);
    bindVerdictMeters(registry);
  }

  /**
   * Builds the outputs of a camera.
   *
   * @param publisher the shared MQTT connection; required when the camera has mqtt outputs
   */
  public static CameraOutputs create(
      CameraConfig config, Optional<MqttPublisher> publisher, MeterRegistry registry) {
    return new CameraOutputs(config, publisher, registry);
  }

  private Output build(
      OutputConfig oc, String name, Optional<MqttPublisher> publisher, MeterRegistry registry) {
    switch (oc.type()) {
      case LINE -> {
        LineOutput[] self = new LineOutput[1];
        OutputMeters m =
            meters(new OutputMeters(registry, camera, name, oc.type(), () -> self[0].queued()));
        self[0] = new LineOutput(camera, name, oc, m, selection);
        lines.add(self[0]);
        return self[0];
      }
      case MQTT -> {
        MqttOutput out =
            new MqttOutput(
                camera,
                name,
                oc,
                publisher.orElseThrow(
                    () -> new IllegalStateException("an mqtt output needs the mqtt: block")));
        out.meters(meters(new OutputMeters(registry, camera, name, oc.type(), out::queued)));
        return out;
      }
      case WEBHOOK -> {
        WebhookOutput[] self = new WebhookOutput[1];
        OutputMeters m =
            meters(
                new OutputMeters(
                    registry,
                    camera,
                    name,
                    oc.type(),
                    () -> self[0] == null ? 0 : self[0].queued()));
        self[0] = new WebhookOutput(camera, name, oc, m);
        return self[0];
      }
    }
    throw new IllegalArgumentException("unknown output type " + oc.type());
  }

  private OutputMeters meters(OutputMeters m) {
    meters.add(m);
    return m;
  }

  private void bindVerdictMeters(MeterRegistry registry) {
    Tags tags = Tags.of(MeterTags.CAMERA, camera);
    for (Outcome o : Outcome.values()) {
      BridgeMeter.VERDICTS.functionCounter(
          registry,
          tags.and(MeterTags.VERDICT, o.name().toLowerCase(Locale.ROOT)),
          sequencer,
          s -> s.emitted(o));
    }
    BridgeMeter.VERDICTS_LATE.functionCounter(
        registry, tags, sequencer, VerdictSequencer::lateAnswers);
  }

  /** Each output's health, in configuration order; from {@code /health}'s thread. */
  public List<OutputHealth> health() {
    return outputs.stream().map(b -> b.output().health()).toList();
  }

  /** Where the pipeline reports each part (frame thread: expect; results thread: answer). */
  public VerdictSequencer sequencer() {
    return sequencer;
  }

  /** Whether the camera has line outputs, which need configuring at every open. */
  public boolean hasLines() {
    return !lines.isEmpty();
  }

  /** Gives the line outputs the camera's control thread. */
  public void attach(LineControl control) {
    lines.forEach(l -> l.attach(control));
  }

  /**
   * Configures every line output on a freshly opened camera (control thread).
   *
   * @throws OutputSetupException naming the feature the camera lacks
   */
  public void configureLines(CameraFeatures features) {
    for (LineOutput l : lines) {
      l.configure(features);
    }
  }

  /** Sets every line output idle (control thread, before the camera stops). */
  public void restoreIdle(CameraFeatures features) {
    lines.forEach(l -> l.restoreIdle(features));
  }

  /**
   * Sees every outcome just before the outputs are handed it ({@code bench e2e}); must not block.
   */
  public void observe(Consumer<PartOutcome> observer) {
    this.observer = observer;
  }

  /**
   * The camera's PLC view: told every outcome the outputs are told, in the same order, right before
   * them; must not block (the PLC core only queues).
   */
  public void followedBy(Consumer<PartOutcome> plc) {
    this.plc = plc;
  }

  /** Sees every outcome each output wrote ({@code bench e2e}); must not block. */
  public void observeWrites(WriteObserver observer) {
    meters.forEach(m -> m.observe(observer));
  }

  /** The outputs' names in configuration order. */
  public List<String> names() {
    return outputs.stream().map(b -> b.output().name()).toList();
  }

  /** Fans one outcome out to the outputs; called by the sequencer, in order, never blocking. */
  @Override
  public void accept(PartOutcome part) {
    // The observer first: it must know the part before an output thread reports writing it.
    observer.accept(part);
    boolean skipped = part.outcome() == Outcome.TIMEOUT && part.decision() == null;
    if (!skipped) {
      plc.accept(part);
      for (Bound b : outputs) {
        b.output().offer(part, fires(b.config(), part));
      }
    }
  }

  static boolean fires(OutputConfig config, PartOutcome part) {
    return switch (part.outcome()) {
      case OK -> config.firesOn(OutputOn.OK);
      case NG -> config.firesOn(OutputOn.NG);
      case ERROR -> config.firesOn(OutputOn.ERROR);
      case TIMEOUT ->
          config.firesOn(OutputOn.TIMEOUT)
              || (part.decision() == Outcome.NG && config.firesOn(OutputOn.NG))
              || (part.decision() == Outcome.OK && config.firesOn(OutputOn.OK));
    };
  }

  /**
   * Decides what is still waiting (as timeouts) and hands it to the outputs: at shutdown, before
   * any output or journal closes, so each sees every part.
   */
  public void decideWaitingParts() {
    sequencer.close();
  }

  /**
   * One shutdown step per output, each writing out its queue within the budget it is given; run
   * them together ({@link ParallelClose}) after {@link #decideWaitingParts()}.
   */
  public List<ParallelClose.Step> closeSteps() {
    return outputs.stream()
        .map(b -> new ParallelClose.Step(camera + "-" + b.name(), b.output()::close))
        .toList();
  }

  /**
   * Decides what is still waiting (as timeouts), then lets the outputs write out their queues, all
   * at once, for at most {@code timeout}.
   */
  public void close(Duration timeout) {
    decideWaitingParts();
    ParallelClose.run(closeSteps(), timeout);
  }
}
