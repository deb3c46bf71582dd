package uk.police.daoversight.notification;

import java.time.Duration;

/** How long a failed send waits before the next try: doubling from the first delay up to the longest. */
public record Backoff(Duration first, Duration longest, int maxAttempts) {

  public Backoff {
    if (first == null || first.isNegative() || first.isZero() || longest == null || longest.compareTo(first) < 0) {
      throw new IllegalArgumentException("the first retry delay must be positive and no longer than the longest");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** The wait after the given number of failed attempts (1 = the first failure). */
  public Duration after(int failedAttempts) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
    Duration delay = first.multipliedBy(1L << doublings);
    return delay.compareTo(longest) > 0 ? longest : delay;
  }

  /** Whether a notice that has failed this many times is given up (kept as FAILED, never deleted). */
  public boolean givesUp(int failedAttempts) {
    return failedAttempts >= maxAttempts;
  }
}
