package uk.police.daoversight.victimscode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.deadline.WorkingDays;

/**
 * The support-referral clocks as the force's figures read them (table {@code support_referral}),
 * and the rules for what the coordinator records: the victim referred with consent to an IDVA or a
 * domestic abuse service, or declining the offer, on a day between the report and today.
 */
@Service
public class SupportReferrals {

  public static final Set<String> OUTCOMES = Set.of("REFERRED", "DECLINED");
  public static final Set<String> SERVICES = Set.of("IDVA", "DA_SERVICE", "BOTH");

  /** What the coordinator recorded, checked. */
  public record Answer(String outcome, String service, LocalDate day) {}

  private final JdbcTemplate jdbc;

  public SupportReferrals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The clock starts: the case, its report and when the referral is due. */
  public void open(String caseCode, Instant reportedAt, Instant dueAt) {
    jdbc.update("insert into support_referral (case_code, reported_at, due_at) values (?, ?, ?)", caseCode,
        Timestamp.from(reportedAt), Timestamp.from(dueAt));
  }

  /** The clock stops with what was recorded. */
  public void record(String caseCode, Answer answer, String userId, Instant now) {
    int rows = jdbc.update("update support_referral set outcome = ?, service = ?, decided_on = ?, recorded_at = ?, recorded_by = ?"
        + " where case_code = ? and recorded_at is null", answer.outcome(), answer.service(), java.sql.Date.valueOf(answer.day()),
        Timestamp.from(now), userId, caseCode);
    if (rows != 1) {
      throw new IllegalStateException("no open support referral clock for case " + caseCode);
    }
  }

  /**
   * The answer, or the reason it is refused, in the coordinator's words. The day may be neither
   * before the day of the report nor after today (force time).
   */
  public static Answer check(String outcome, String service, String day, Instant reportedAt, Instant now) {
    if (outcome == null || !OUTCOMES.contains(outcome)) {
      throw new Refused("Say whether the victim was referred to support services or declined the offer.");
    }
    String chosenService = null;
    if (outcome.equals("REFERRED")) {
      if (service == null || !SERVICES.contains(service)) {
        throw new Refused("Say which service the victim was referred to: an IDVA, a domestic abuse service, or both.");
      }
      chosenService = service;
    }
    if (day == null || day.isBlank()) {
      throw new Refused("Give the day of the referral or of the victim's decision.");
    }
    LocalDate parsed;
    try {
      parsed = LocalDate.parse(day.trim().length() > 10 ? day.trim().substring(0, 10) : day.trim());
    } catch (DateTimeParseException e) {
      throw new Refused("The day of the referral or decision is not a date (day, month and year).");
    }
    LocalDate reported = reportedAt.atZone(WorkingDays.FORCE_ZONE).toLocalDate();
    LocalDate today = now.atZone(WorkingDays.FORCE_ZONE).toLocalDate();
    if (parsed.isAfter(today)) {
      throw new Refused("The day of the referral or decision cannot be in the future.");
    }
    if (parsed.isBefore(reported)) {
      throw new Refused("The day of the referral or decision cannot be before the report (" + reported + ").");
    }
    return new Answer(outcome, chosenService, parsed);
  }

  /** A refusal the coordinator reads as a sentence; the completion is rolled back and nothing is lost. */
  public static class Refused extends org.camunda.bpm.engine.BadUserRequestException {
    public Refused(String message) {
      super(message);
    }
  }
}
