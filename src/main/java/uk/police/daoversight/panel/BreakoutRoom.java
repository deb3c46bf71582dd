package uk.police.daoversight.panel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.Groups;

/**
 * Access follows the breakout room, for named people only. At the agenda's publication each SOO is
 * given their own case; each attendee named at attendance (chair, members, PSD, each partner agency's
 * representative) is given the agenda's cases when they acknowledge confidentiality for that meeting
 * ({@link #admit}). Every grant holds only from the meeting's start to its end (a hard limit in the
 * grant itself, which no late close outlives) and until the meeting closes. No group is ever given a
 * case: a member who was not named, or did not acknowledge, reads nothing. The process opens and
 * closes the room; nothing outlives the meeting. Every grant and removal is audited, in the same
 * transaction. A person conflicted on a case ({@link ConflictOfInterest}) is not given it.
 */
@Service
public class BreakoutRoom {

  /** The groups whose members may be named as attendees (never given a case as a group). */
  static final List<String> ATTENDEES = List.of(Groups.PANEL_CHAIR, Groups.PANEL_MEMBERS, Groups.PARTNER_AGENCIES, Groups.PSD);

  private final JdbcTemplate jdbc;
  private final AccessAudit audit;
  private final Clock clock;
  private final ConflictOfInterest conflicts;

  public BreakoutRoom(JdbcTemplate jdbc, AccessAudit audit, Clock clock, ConflictOfInterest conflicts) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
    this.conflicts = conflicts;
  }

  /** The grants and their audit rows together, or none (joins the engine's transaction when called from a task). */
  @Transactional
  public void open(String meetingId, List<Agenda.Item> agenda, Instant from, Instant until) {
    Timestamp now = Timestamp.from(clock.instant());
    Timestamp validFrom = Timestamp.from(from);
    Timestamp validUntil = Timestamp.from(until);
    String insert = "insert into meeting_access (meeting_id, case_code, grantee, grantee_type, granted_at, valid_from, valid_until) "
        + "values (?,?,?,?,?,?,?)";
    for (Agenda.Item item : agenda) {
      for (String soo : item.soos()) {
        if (conflicts.check(soo, List.of(), item.caseCode()).isPresent()) {
          continue; // never allocated in the first place; if the directory changed since, no access
        }
        jdbc.update(insert, meetingId, item.caseCode(), soo, "USER", now, validFrom, validUntil);
      }
      audit.record(null, item.caseCode(), "MEETING_ACCESS", AccessAudit.Outcome.GRANTED,
          "panel " + meetingId + ": SOO(s) " + String.join(", ", item.soos()));
    }
  }

  /**
   * An attendee named at attendance who acknowledged confidentiality: the agenda's cases, except
   * any they are conflicted on, from the meeting's start to its end. Returns the cases given.
   */
  @Transactional
  public List<String> admit(String meetingId, String userId, List<Agenda.Item> agenda, Instant from, Instant until) {
    Timestamp now = Timestamp.from(clock.instant());
    List<String> given = new java.util.ArrayList<>();
    for (Agenda.Item item : agenda) {
      if (conflicts.check(userId, List.of(), item.caseCode()).isPresent()) {
        // Recorded as the room's decision (no user): the attendee tried nothing, so no refusal counts against them.
        audit.record(null, item.caseCode(), "MEETING_ACCESS", AccessAudit.Outcome.REFUSED,
            "panel " + meetingId + ": attendee " + userId + " conflicted, not given the case");
        continue;
      }
      jdbc.update("insert into meeting_access (meeting_id, case_code, grantee, grantee_type, granted_at, valid_from, valid_until) "
          + "values (?,?,?,?,?,?,?)", meetingId, item.caseCode(), userId, "USER", now, Timestamp.from(from), Timestamp.from(until));
      audit.record(userId, item.caseCode(), "MEETING_ACCESS", AccessAudit.Outcome.GRANTED,
          "panel " + meetingId + ": attendee acknowledged confidentiality");
      given.add(item.caseCode());
    }
    return given;
  }

  @Transactional
  public void close(String meetingId) {
    List<String> cases = jdbc.queryForList("select distinct case_code from meeting_access where meeting_id = ? and revoked_at is null",
        String.class, meetingId);
    jdbc.update("update meeting_access set revoked_at = ? where meeting_id = ? and revoked_at is null",
        Timestamp.from(clock.instant()), meetingId);
    cases.forEach(c -> audit.record(null, c, "MEETING_ACCESS", AccessAudit.Outcome.REVOKED, "panel " + meetingId + " closed"));
  }

  /**
   * True while an open meeting gives this user, or one of their groups, the case, and the user is not
   * conflicted on it (the perpetrator, his department, his line of command): a group's grant never
   * reaches them. The caller audits and alerts the refusal.
   */
  public boolean mayRead(String userId, List<String> groups, String caseCode) {
    if (conflicts.check(userId, groups, caseCode).isPresent()) {
      return false;
    }
    Timestamp now = Timestamp.from(clock.instant());
    List<String> grantees = jdbc.queryForList(
        "select grantee from meeting_access where case_code = ? and revoked_at is null and valid_from <= ? and valid_until > ? and "
            + "((grantee_type = 'USER' and grantee = ?) or grantee_type = 'GROUP')", String.class, caseCode, now, now, userId);
    return grantees.contains(userId) || grantees.stream().anyMatch(groups::contains);
  }
}
