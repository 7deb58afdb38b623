package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.CameraFeatures;
import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * A camera's {@code diagnostics:} features and its PTP status, read on the camera's control thread
 * every {@code diagnosticsInterval} and kept for the scrape and {@code /health} threads. Values are
 * numbers: integers and floats as they are, booleans 1 or 0, enumerations their integer value;
 * {@code NaN} until read and after a failed read.
 *
 * <p>Lives as long as the pipeline (gauges are registered once); each new session is {@link
 * #prepare prepared} first.
 */
public final class FeatureDiagnostics {
  /** SFNC name first, then the older GigE Vision one. */
  private static final List<String> PTP_STATUS = List.of("PtpStatus", "GevIEEE1588Status");

  private final List<String> names;
  private final Map<String, AtomicLong> values = new LinkedHashMap<>();
  private volatile List<FeatureType> types = List.of();
  private volatile String ptpFeature;
  private volatile String ptpStatus;

  public FeatureDiagnostics(List<String> names) {
    this.names = List.copyOf(names);
    for (String name : this.names) {
      values.put(name, new AtomicLong(Double.doubleToRawLongBits(Double.NaN)));
    }
  }

  /** One supplier per feature, in configuration order, for the gauges; thread-safe. */
  public Map<String, DoubleSupplier> gauges() {
    Map<String, DoubleSupplier> gauges = new LinkedHashMap<>();
    values.forEach((name, bits) -> gauges.put(name, () -> Double.longBitsToDouble(bits.get())));
    return gauges;
  }

  /** The PTP status last read ({@code Slave}, {@code Master}, ...), if the camera has one. */
  public Optional<String> ptpStatus() {
    return Optional.ofNullable(ptpStatus);
  }

  /**
   * Checks every diagnostics feature is readable with a numeric value on this camera; called while
   * the camera is configured, so that a wrong name stops it before it streams.
   *
   * @throws FeatureStepException naming each feature that cannot be polled
   */
  public static void validate(CameraFeatures features, List<String> names, String path) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Optional<FeatureDescription> d = features.describe(name);
      String where = path + "[" + i + "]: " + name + ": ";
      if (d.isEmpty()) {
        problems.add(where + "no such feature on this camera");
      } else if (!numeric(d.get().type())) {
        problems.add(where + "a " + d.get().type().label() + " has no number to record");
      } else if (!d.get().isReadable()) {
        problems.add(where + "not readable (" + d.get().access() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new FeatureStepException(problems);
    }
  }

  /** Learns the features' types and the PTP status feature of a newly opened camera. */
  public void prepare(CameraFeatures features) {
    List<FeatureType> found = new ArrayList<>();
    for (String name : names) {
      found.add(features.describe(name).map(FeatureDescription::type).orElse(FeatureType.OTHER));
    }
    types = List.copyOf(found);
    ptpStatus = null;
    ptpFeature = null;
    for (String candidate : PTP_STATUS) {
      if (features.describe(candidate).filter(FeatureDescription::isReadable).isPresent()) {
        ptpFeature = candidate;
        break;
      }
    }
  }

  /** Whether there is anything to poll on the last prepared camera. */
  public boolean hasWork() {
    return !names.isEmpty() || ptpFeature != null;
  }

  /**
   * Reads every feature once. Stops at the first failure (a dead camera answers each read only
   * after a GVCP time-out, which must not hold up the control thread for every feature); the failed
   * and unread values become NaN until the next round.
   *
   * @throws RuntimeException the read failure, for the caller to log
   */
  public void poll(CameraFeatures features) {
    List<FeatureType> known = types;
    if (known.size() != names.size()) {
      return;
    }
    int i = 0;
    try {
      for (; i < names.size(); i++) {
        if (known.get(i) == FeatureType.OTHER) {
          continue;
        }
        double value = read(features, names.get(i), known.get(i));
        values.get(names.get(i)).set(Double.doubleToRawLongBits(value));
      }
      String ptp = ptpFeature;
      if (ptp != null) {
        ptpStatus = features.getString(ptp);
      }
    } catch (RuntimeException e) {
      for (; i < names.size(); i++) {
        values.get(names.get(i)).set(Double.doubleToRawLongBits(Double.NaN));
      }
      ptpStatus = null;
      throw e;
    }
  }

  private static double read(CameraFeatures features, String name, FeatureType type) {
    return switch (type) {
      case FLOAT -> features.getFloat(name);
      case BOOLEAN -> features.getBoolean(name) ? 1 : 0;
      default -> features.getInteger(name);
    };
  }

  private static boolean numeric(FeatureType type) {
    return type == FeatureType.INTEGER
        || type == FeatureType.FLOAT
        || type == FeatureType.BOOLEAN
        || type == FeatureType.ENUMERATION;
  }
}
