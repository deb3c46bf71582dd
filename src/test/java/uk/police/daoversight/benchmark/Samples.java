package uk.police.daoversight.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Durations (or any values) in milliseconds, with nearest-rank percentiles. */
record Samples(double[] sorted) {

  static Samples of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    return new Samples(copy);
  }

  static Samples ofNanos(long[] nanos) {
    return of(Arrays.stream(nanos).mapToDouble(n -> n / 1_000_000.0).toArray());
  }

  int count() {
    return sorted.length;
  }

  /** Nearest rank: the smallest value with at least p percent of the samples at or below it. */
  double percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double p50() {
    return percentile(50);
  }

  double p95() {
    return percentile(95);
  }

  double p99() {
    return percentile(99);
  }

  double max() {
    return sorted[sorted.length - 1];
  }

  double min() {
    return sorted[0];
  }

  double mean() {
    return Arrays.stream(sorted).average().orElseThrow();
  }

  /** A figure for a table: no decimals from 100 up, one from 10, two below. */
  static String format(double value) {
    double a = Math.abs(value);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", value);
  }
}
