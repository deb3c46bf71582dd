package uk.police.daoversight.reporting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Anonymity in aggregates: a count under the threshold (default 3) leaves the application as
 * "<3", so a small force cannot re-identify a victim from a breakdown. A figure derived from such
 * a small base (an average, a share) is suppressed the same way.
 */
@Component
public class Suppression {

  private final int threshold;

  public Suppression(@Value("${oversight.reports.suppression-threshold:3}") int threshold) {
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  public Object count(long value) {
    return value < threshold ? "<" + threshold : value;
  }

  /** A figure computed over {@code base} things (cases, panels, contacts). */
  public Object over(long base, Number value) {
    return base < threshold ? "<" + threshold : value;
  }

  public Map<String, Object> counts(Map<String, Long> counts) {
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, count(v)));
    return out;
  }
}
