package io.camerabridge.ops.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of {@code /metrics} in the Prometheus text format, with the two PromQL functions the
 * chart needs ({@code rate} and {@code histogram_quantile}) computed between two scrapes.
 */
record Scrape(double atSeconds, Map<String, Double> series) {

  static Scrape parse(double atSeconds, String text) {
    Map<String, Double> series = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return new Scrape(atSeconds, series);
  }

  /** Per-second increase of the summed series named {@code name} whose labels pass {@code keep}. */
  static double rate(Scrape from, Scrape to, String name, Predicate<String> keep) {
    double delta = 0;
    for (Map.Entry<String, Double> e : to.series.entrySet()) {
      if (nameOf(e.getKey()).equals(name) && keep.test(e.getKey())) {
        delta += e.getValue() - from.series.getOrDefault(e.getKey(), 0.0);
      }
    }
    return delta / (to.atSeconds - from.atSeconds);
  }

  /**
   * The {@code q} quantile of a histogram's observations between two scrapes, interpolated inside
   * the bucket as Prometheus does; NaN without observations.
   */
  static double quantile(
      double q, Scrape from, Scrape to, String bucketName, Predicate<String> keep) {
    TreeMap<Double, Double> cumulative = new TreeMap<>();
    for (Map.Entry<String, Double> e : to.series.entrySet()) {
      String key = e.getKey();
      if (nameOf(key).equals(bucketName) && keep.test(key)) {
        double le = le(key);
        double delta = e.getValue() - from.series.getOrDefault(key, 0.0);
        cumulative.merge(le, delta, Double::sum);
      }
    }
    if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
      return Double.NaN;
    }
    double total = cumulative.lastEntry().getValue();
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    List<Map.Entry<Double, Double>> buckets = new ArrayList<>(cumulative.entrySet());
    for (Map.Entry<Double, Double> bucket : buckets) {
      if (bucket.getValue() >= rank) {
        if (Double.isInfinite(bucket.getKey())) {
          return lowerBound;
        }
        double inBucket = bucket.getValue() - lowerCount;
        return inBucket <= 0
            ? bucket.getKey()
            : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    return lowerBound;
  }

  static String nameOf(String series) {
    int brace = series.indexOf('{');
    return brace < 0 ? series : series.substring(0, brace);
  }

  private static double le(String series) {
    int at = series.indexOf("le=\"") + 4;
    String value = series.substring(at, series.indexOf('"', at));
    return value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
  }
}
