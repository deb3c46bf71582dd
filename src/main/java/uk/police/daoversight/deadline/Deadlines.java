package uk.police.daoversight.deadline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Expression bean {@code deadlines}: the repeating chase timers and the Victims' Code working-day
 * clocks the models read, from the settings {@code oversight.chase-interval} (PT24H),
 * {@code oversight.chases-before-escalation} (3),
 * {@code oversight.victims-code.support-referral-working-days} (2) and
 * {@code oversight.closure-days} (the force's own closure days, ISO dates).
 */
@Component("deadlines")
public class Deadlines {

  private final Chases chases;
  private final WorkingDays workingDays;
  private final int supportReferralWorkingDays;
  private final String scheduledContactGrace;
  private final Duration panelActionDefaultPeriod;
  private final int closureApprovalWorkingDays;

  public Deadlines(
      @Value("${oversight.chase-interval:PT24H}") String chaseInterval,
      @Value("${oversight.chases-before-escalation:3}") int chasesBeforeEscalation,
      @Value("${oversight.victims-code.support-referral-working-days:2}") int supportReferralWorkingDays,
      @Value("${oversight.closure-days:}") String closureDays,
      @Value("${oversight.scheduled-contact-grace:P2D}") String scheduledContactGrace,
      @Value("${oversight.panel-action-default-period:P28D}") String panelActionDefaultPeriod,
      @Value("${oversight.closure-approval-working-days:5}") int closureApprovalWorkingDays) {
    if (supportReferralWorkingDays < 0) {
      throw new IllegalArgumentException("oversight.victims-code.support-referral-working-days must not be negative");
    }
    this.chases = new Chases(Duration.parse(chaseInterval.trim()), chasesBeforeEscalation);
    this.workingDays = new WorkingDays(dates(closureDays));
    this.supportReferralWorkingDays = supportReferralWorkingDays;
    Duration.parse(scheduledContactGrace.trim());
    this.scheduledContactGrace = scheduledContactGrace.trim();
    this.panelActionDefaultPeriod = Duration.parse(panelActionDefaultPeriod.trim());
    if (closureApprovalWorkingDays < 0) {
      throw new IllegalArgumentException("oversight.closure-approval-working-days must not be negative");
    }
    this.closureApprovalWorkingDays = closureApprovalWorkingDays;
  }

  /** "2026-12-24, 2026-12-31" as dates; a malformed entry stops start-up with its text. */
  static List<LocalDate> dates(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("oversight.closure-days: not an ISO date (yyyy-mm-dd): " + s);
      }
    }).toList();
  }

  /** {@code R/<deadline>/<interval>}: chase at the deadline and again every interval. */
  public String chaseCycle(Date deadline) {
    return chases.cycleFrom(deadline.toInstant());
  }

  /** Now (engine clock) plus an ISO period such as P28D or PT72H: when a task started now is due. */
  public Date after(String period) {
    return Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(period.trim())));
  }

  /** How long after it falls due a scheduled contact may still be made before it is chased. */
  public String getScheduledContactGrace() {
    return scheduledContactGrace;
  }

  /** A panel action is due at the end of its due day (force time), or the default period from now. */
  public Date panelActionDueBy(LocalDate dueDate) {
    if (dueDate == null) {
      return Date.from(ClockUtil.getCurrentTime().toInstant().plus(panelActionDefaultPeriod));
    }
    return Date.from(dueDate.plusDays(1).atStartOfDay(WorkingDays.FORCE_ZONE).toInstant());
  }

  /** A closure approval asked for now is due within the set working days. */
  public Date closureApprovalDueBy() {
    return Date.from(workingDays.dueBy(ClockUtil.getCurrentTime().toInstant(), closureApprovalWorkingDays));
  }

  /** When the referral to support services (IDVA or DA service) is due, counted from the report. */
  public Date supportReferralDueBy(Date reportedAt) {
    return Date.from(workingDays.dueBy(reportedAt.toInstant(), supportReferralWorkingDays));
  }

  public Chases chases() {
    return chases;
  }

  public WorkingDays workingDays() {
    return workingDays;
  }

  public int supportReferralWorkingDays() {
    return supportReferralWorkingDays;
  }
}
