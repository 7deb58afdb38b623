package io.camerabridge.analyzers;

import io.camerabridge.metrics.BridgeMeter;
import io.camerabridge.metrics.MeterTags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Each instance's meters: requests, failures, in flight, state, latency, failovers. The functions
 * read the instance's own fields, so nothing is recorded twice on the event loop.
 */
final class AnalyzerMeters {
  private AnalyzerMeters() {}

  static void bind(MeterRegistry registry, String cameraId, List<Instance> instances) {
    for (Instance i : instances) {
      Tags tags = Tags.of(MeterTags.CAMERA, cameraId, MeterTags.ANALYZER, i.name);
      BridgeMeter.ANALYZER_REQUESTS.functionCounter(registry, tags, i, x -> x.requests.sum());
      BridgeMeter.ANALYZER_FAILURES.functionCounter(registry, tags, i, x -> x.failures.sum());
      BridgeMeter.ANALYZER_IN_FLIGHT.gauge(registry, tags, i, x -> x.inFlight.get());
      for (AnalyzerState state : AnalyzerState.values()) {
        BridgeMeter.ANALYZER_STATE.gauge(
            registry, tags.and(MeterTags.STATE, state.label()), i, x -> x.state == state ? 1 : 0);
      }
      BridgeMeter.ANALYZER_FAILOVERS.functionCounter(
          registry, tags.and(MeterTags.RESULT, "resent"), i, x -> x.failoversResent.sum());
      BridgeMeter.ANALYZER_FAILOVERS.functionCounter(
          registry, tags.and(MeterTags.RESULT, "not_resent"), i, x -> x.failoversLost.sum());
      i.latency = BridgeMeter.ANALYZER_LATENCY.timer(registry, tags);
    }
  }
}
