package uk.police.daoversight.panel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Expression bean {@code panelSettings}: when the monthly panel sits (a cron expression with day
 * names, default the first Tuesday of the month at 10:00), when the calendar proposes the next one
 * (default the 1st of each month at 08:00), how long before the meeting its agenda is drawn (default
 * a week), how long the meeting lasts, and how long after it outcomes may still be recorded (4 hours). Times are the server's zone, as the engine's timers.
 */
@Component("panelSettings")
public class PanelSettings {

  private final String schedule;
  private final String proposalSchedule;
  private final Duration agendaLead;
  private final int capacityMinutes;
  private final Duration outcomeGrace;
  private final CronExpression meetingCron;

  public PanelSettings(@Value("${oversight.panel.schedule:0 0 10 ? * TUE#1}") String schedule,
                       @Value("${oversight.panel.proposal-schedule:0 0 8 1 * ?}") String proposalSchedule,
                       @Value("${oversight.panel.agenda-lead:P7D}") Duration agendaLead,
                       @Value("${oversight.panel.capacity-minutes:180}") int capacityMinutes,
                       @Value("${oversight.panel.outcome-grace:PT4H}") Duration outcomeGrace) {
    this.schedule = schedule;
    this.proposalSchedule = proposalSchedule;
    this.agendaLead = agendaLead;
    this.capacityMinutes = capacityMinutes;
    this.outcomeGrace = outcomeGrace;
    this.meetingCron = CronExpression.parse(schedule);
  }

  /**
   * How a SOO and the attendees join the meeting (oversight.panel.joining-link): the link of the
   * force's standing panel meeting, shown on each SOO's slot notice. No identity.
   */
  @Value("${oversight.panel.joining-link:https://teams.microsoft.com/ (the panel's standing meeting link, from the administrator)}")
  private String joiningLink = "";

  public String getJoiningLink() {
    return joiningLink;
  }

  public String getSchedule() {
    return schedule;
  }

  /** The calendar's timer: when the next meeting is proposed to the administrator. */
  public String getProposalSchedule() {
    return proposalSchedule;
  }

  public Duration getAgendaLead() {
    return agendaLead;
  }

  public int getCapacityMinutes() {
    return capacityMinutes;
  }

  /**
   * The first meeting time of the schedule whose agenda is still to be drawn: after {@code now} plus
   * the agenda lead, so the administrator has the whole lead to prepare it.
   */
  public LocalDateTime nextMeeting(Instant now) {
    ZonedDateTime next = meetingCron.next(now.plus(agendaLead).atZone(zone()));
    if (next == null) {
      throw new IllegalStateException("The panel schedule " + schedule + " has no next meeting");
    }
    return next.toLocalDateTime();
  }

  /** When the agenda of a meeting starting at {@code meetingStart} (as on the form) is drawn. */
  public Date agendaDrawAt(String meetingStart) {
    return Date.from(start(meetingStart).minus(agendaLead));
  }

  /** How long after the meeting's end outcomes may still be recorded; then the rest are not reached. */
  public Duration getOutcomeGrace() {
    return outcomeGrace;
  }

  /** When the meeting ends: its start plus its length. */
  public Instant end(Instant start) {
    return start.plus(Duration.ofMinutes(capacityMinutes));
  }

  /**
   * A meeting time as the administrator's form gives it: a local date and time
   * ({@code 2027-01-05T10:00}) or one with an offset ({@code 2027-01-05T10:00:00Z}).
   *
   * @throws IllegalArgumentException when it is missing or not a date and time
   */
  public Instant start(String meetingStart) {
    if (meetingStart == null || meetingStart.isBlank()) {
      throw new IllegalArgumentException("Give the meeting's date and time");
    }
    String text = meetingStart.trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone()).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("The meeting time is not a date and time (e.g. 2027-01-05T10:00)");
      }
    }
  }

  /** The form's text for a meeting time. */
  public String format(LocalDateTime meetingStart) {
    return meetingStart.withSecond(0).withNano(0).toString();
  }

  public ZoneId zone() {
    return ZoneId.systemDefault();
  }
}
