package io.camerabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BridgeMeterTest {

  @Test
  void namesAreUniqueAndPrefixed() {
    Set<String> names =
        MeterSpec.all().stream().map(MeterSpec::meterName).collect(Collectors.toSet());
    assertThat(names).hasSize(MeterSpec.all().size());
    assertThat(names).allMatch(n -> n.startsWith("camerabridge.") && n.equals(n.toLowerCase()));
  }

  @Test
  void aFunctionCounterKeepsCountingAfterItsOwnerLetGoOfTheState() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    java.lang.ref.WeakReference<java.util.concurrent.atomic.AtomicLong> watch =
        registerCountOf(registry, 7);
    // A canary nobody holds: once it is collected, a collection has run that could take the state.
    java.lang.ref.WeakReference<Object> canary = new java.lang.ref.WeakReference<>(new Object());
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return canary.get() == null;
            });
    assertThat(watch.get()).as("the registry keeps the state").isNotNull();
    assertThat(registry.get("camerabridge.verdicts").functionCounter().count()).isEqualTo(7);
  }

  /** Registers a counter over a state nobody but the registry holds once this returns. */
  private static java.lang.ref.WeakReference<java.util.concurrent.atomic.AtomicLong>
      registerCountOf(SimpleMeterRegistry registry, long value) {
    java.util.concurrent.atomic.AtomicLong state =
        new java.util.concurrent.atomic.AtomicLong(value);
    BridgeMeter.VERDICTS.functionCounter(
        registry,
        Tags.of(MeterTags.CAMERA, "cam", MeterTags.VERDICT, "ng"),
        state,
        java.util.concurrent.atomic.AtomicLong::get);
    return new java.lang.ref.WeakReference<>(state);
  }

  /**
   * Meters of a whole server, not of one camera: the PLC servers' sessions, logins, connections and
   * requests (a Modbus request may span several cameras' slots), and whether each listener serves.
   */
  private static final Set<MeterSpec> SERVER_WIDE =
      Set.of(
          PlcMeter.OPCUA_LOGINS,
          PlcMeter.MODBUS_REQUESTS,
          PlcMeter.MODBUS_DISCONNECTS,
          PlcMeter.PLC_CLIENTS,
          PlcMeter.PLC_SERVING);

  @Test
  void everyMeterIsTaggedByCameraAndDescribesItsUnit() {
    for (MeterSpec meter : MeterSpec.all()) {
      if (SERVER_WIDE.contains(meter)) {
        assertThat(meter.tagKeys()).as("%s", meter).doesNotContain(MeterTags.CAMERA);
      } else {
        assertThat(meter.tagKeys()).as("%s", meter).startsWith(MeterTags.CAMERA);
      }
      assertThat(meter.description())
          .as("%s says its unit", meter)
          .matches(".*(in " + meter.unit() + "|\\(" + meter.unit() + "\\))\\.$")
          .doesNotContain("|");
    }
  }

  @Test
  void onlyTimeAndSizeHaveMicrometerBaseUnits() {
    assertThat(BridgeMeter.FRAME_WAIT.baseUnit()).isEqualTo("seconds");
    assertThat(BridgeMeter.FRAME_SIZE.baseUnit()).isEqualTo("bytes");
    assertThat(BridgeMeter.FRAMES_ACQUIRED.baseUnit()).isNull();
    assertThat(BridgeMeter.CAMERA_CONNECTED.baseUnit()).isNull();
  }

  @Test
  void registrationWithOtherTagKeysThanCataloguedIsRefused() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    assertThatThrownBy(
            () -> BridgeMeter.RESULTS.counter(registry, Tags.of("camera", "top", "url", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("camerabridge.results takes tags [camera, outcome]");
    assertThatThrownBy(() -> BridgeMeter.RESULTS.timer(registry, Tags.of("camera", "top")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("COUNTER");
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void typesMatchTheBuilders() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new MicrometerFrameMetrics(registry, "top").recordExchange(ExchangeOutcome.OK, 1, 1, 1);
    new CameraMeterBinder("top", MetricsFixtures.gauges()).bindTo(registry);
    CameraMeterBinder.bindFeatures(
        registry, "top", java.util.Map.of("DeviceTemperature", () -> 41.5));
    BridgeMeter.WATCHDOG_FRAME_SILENCE.gauge(registry, Tags.of("camera", "top"), 0.0, x -> x);
    MetricsFixtures.registerOutputMeters(registry);
    PlcMeter.PLC_CLIENTS.gauge(registry, Tags.of("protocol", "opcua"), 0.0, x -> x);
    PlcMeter.OPCUA_LOGINS.counter(registry, Tags.of("result", "accepted"));
    PlcMeter.OPCUA_WRITES.counter(
        registry, Tags.of("camera", "top", "node", "Ack", "result", "accepted"));
    PlcMeter.OPCUA_CALLS.counter(registry, Tags.of("camera", "top", "result", "accepted"));
    BridgeMeter.CAMERA_FEATURE.gauge(
        registry, Tags.of("camera", "top", "feature", "DeviceTemperature"), 41.5, x -> x);
    for (MeterSpec meter : MeterSpec.all()) {
      Meter registered = registry.get(meter.meterName()).meters().iterator().next();
      assertThat(registered.getId().getType()).as("%s", meter).isEqualTo(meter.type());
    }
  }
}
