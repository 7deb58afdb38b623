package io.camerabridge.genicam;

import io.camerabridge.bindings.aravis.FeatureDescription;
import io.camerabridge.bindings.aravis.FeatureType;
import io.camerabridge.config.FeatureValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a step's value (a YAML scalar, or text from a feature file) into what the feature's type
 * takes, and checks it against the range or entries the camera reports right now.
 */
final class StepValues {
  private StepValues() {}

  /** The typed value ({@link Long}, {@link Double}, {@link Boolean} or {@link String}). */
  static Object convert(FeatureDescription d, FeatureValue value) {
    Object v = value.value();
    return switch (d.type()) {
      case INTEGER -> integer(d, v);
      case FLOAT -> number(d, v);
      case BOOLEAN -> bool(d, v);
      case ENUMERATION, STRING -> v.toString();
      default -> throw new IllegalArgumentException(d.type().label() + " has no value to set");
    };
  }

  /** Why {@code typed} is outside what the camera allows now, if it is. */
  static Optional<String> outOfRange(FeatureDescription d, Object typed) {
    if (d.type() == FeatureType.INTEGER && d.integerBounds().isPresent()) {
      long v = (Long) typed;
      long min = d.integerBounds().get().min();
      long inc = Math.max(1, d.integerIncrement());
      if (!d.integerBounds().get().contains(v) || Math.floorMod(v - min, inc) != 0) {
        return Optional.of(v + " is out of range: this camera allows " + d.allowed());
      }
    }
    if (d.type() == FeatureType.FLOAT && d.floatBounds().isPresent()) {
      double v = (Double) typed;
      double min = d.floatBounds().get().min();
      double max = d.floatBounds().get().max();
      double slack = 1e-9 * Math.max(1, Math.max(Math.abs(min), Math.abs(max)));
      if (!(v >= min - slack && v <= max + slack)) {
        return Optional.of(v + " is out of range: this camera allows " + d.allowed());
      }
    }
    if (d.type() == FeatureType.ENUMERATION && !d.entries().contains(typed.toString())) {
      return Optional.of(
          "'"
              + typed
              + "' is not an entry of this camera's "
              + d.name()
              + " (available now: "
              + d.allowed()
              + ")");
    }
    return Optional.empty();
  }

  private static Long integer(FeatureDescription d, Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double x && x == Math.rint(x) && Math.abs(x) < 0x1p62) {
      return x.longValue();
    }
    if (v instanceof String s) {
      String t = s.strip();
      try {
        return t.startsWith("0x") || t.startsWith("0X")
            ? Long.parseLong(t.substring(2), 16)
            : Long.parseLong(t);
      } catch (NumberFormatException e) {
        // Falls through to the type error.
      }
    }
    throw wrongType(d, v, "a whole number");
  }

  private static Double number(FeatureDescription d, Object v) {
    if (v instanceof Long l) {
      return l.doubleValue();
    }
    if (v instanceof Double x) {
      return x;
    }
    if (v instanceof String s) {
      try {
        double x = Double.parseDouble(s.strip());
        if (Double.isFinite(x)) {
          return x;
        }
      } catch (NumberFormatException e) {
        // Falls through to the type error.
      }
    }
    throw wrongType(d, v, "a number");
  }

  private static Boolean bool(FeatureDescription d, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    // Feature files (pylon's .pfs among them) write booleans as 1 and 0.
    String t = v.toString().strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw wrongType(d, v, "true or false");
    };
  }

  private static IllegalArgumentException wrongType(FeatureDescription d, Object v, String wanted) {
    String shown = v instanceof String ? "'" + v + "'" : v.toString();
    return new IllegalArgumentException(
        article(d.type()) + " " + d.type().label() + ": write " + wanted + ", not " + shown);
  }

  private static String article(FeatureType type) {
    return type == FeatureType.INTEGER || type == FeatureType.ENUMERATION ? "an" : "a";
  }
}
