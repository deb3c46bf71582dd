package uk.police.daoversight.deadline;

import java.time.Duration;
import java.time.Instant;

/**
 * When and to whom a missed deadline is chased: the first chase at the deadline, another every
 * {@code interval}, and from chase {@code chasesBeforeEscalation + 1} on to the force's DA lead
 * (the panel chair) instead of the coordinators. The chase number follows from the time alone, so
 * a restarted timer or a clock jump never resets the count.
 */
public class Chases {

  private final Duration interval;
  private final int chasesBeforeEscalation;

  public Chases(Duration interval, int chasesBeforeEscalation) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the chase interval must be a positive duration");
    }
    if (chasesBeforeEscalation < 1) {
      throw new IllegalArgumentException("at least one chase comes before an escalation");
    }
    this.interval = interval;
    this.chasesBeforeEscalation = chasesBeforeEscalation;
  }

  /** One chase: its number (1 at the deadline), how late, whether it goes to the DA lead, the next. */
  public record Chase(int number, Duration late, boolean escalated, Instant nextChase) {

    /** "26 h late" or "3 days 2 h late"; never a name or other identity. */
    public String lateness() {
      long hours = late.toHours();
      if (hours < 1) {
        return "just overdue";
      }
      if (hours < 48) {
        return hours + " h late";
      }
      return hours / 24 + " days " + hours % 24 + " h late";
    }
  }

  public Chase at(Instant deadline, Instant now) {
    Duration late = Duration.between(deadline, now);
    if (late.isNegative()) {
      late = Duration.ZERO;
    }
    int number = (int) Math.min(Integer.MAX_VALUE - 1L, late.toMillis() / interval.toMillis()) + 1;
    Instant next = deadline.plus(interval.multipliedBy(number));
    return new Chase(number, late, number > chasesBeforeEscalation, next);
  }

  /** The engine's repeating timer: at the deadline, then every interval, until the scope ends. */
  public String cycleFrom(Instant deadline) {
    return "R/" + deadline + "/" + interval;
  }

  public Duration interval() {
    return interval;
  }

  public int chasesBeforeEscalation() {
    return chasesBeforeEscalation;
  }
}
