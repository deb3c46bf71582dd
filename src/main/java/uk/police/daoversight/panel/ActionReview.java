package uk.police.daoversight.panel;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The review, at the start of a meeting, of the actions the last meeting agreed that are still open:
 * each is "not done" (still to do) or "not possible" (with the reason), as SafeLives practice asks.
 */
@Service
public class ActionReview {

  public static final String NOT_DONE = "NOT_DONE";
  public static final String NOT_POSSIBLE = "NOT_POSSIBLE";
  /** Recorded at the close for an action the review did not answer. */
  public static final String NOT_REVIEWED = "NOT_REVIEWED";
  static final Set<String> STATUSES = Set.of(NOT_DONE, NOT_POSSIBLE);

  /** One line of the review as the form shows and returns it. */
  public record Line(String actionId, String caseCode, String action, String owner, String due, String status, String note) {}

  /** A review the meeting cannot take, with the reason for the person. */
  public static class RefusedException extends RuntimeException {
    public RefusedException(String message) {
      super(message);
    }
  }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ActionReview(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Expression bean {@code actionReview}: does the meeting start with a review? */
  public boolean hasOpenFromLastMeeting(String meetingId) {
    return !openFromLastMeeting(meetingId).isEmpty();
  }

  /**
   * At the close: an open action of the last meeting the review did not answer (the review was left
   * open) is recorded as not reviewed, so the gap is answerable.
   */
  public void closeUnreviewed(String meetingId) {
    Timestamp now = Timestamp.from(clock.instant());
    for (Line line : openFromLastMeeting(meetingId)) {
      Integer reviewed = jdbc.queryForObject("select count(*) from panel_action_review where meeting_id = ? and action_id = ?",
          Integer.class, meetingId, line.actionId());
      if (reviewed == null || reviewed == 0) {
        jdbc.update("insert into panel_action_review (meeting_id, action_id, status, note, reviewed_at) values (?,?,?,?,?)",
            meetingId, line.actionId(), NOT_REVIEWED, "The meeting closed before the review", now);
      }
    }
  }

  /** The open actions agreed at the last panel closed before this meeting, status still to give. */
  public List<Line> openFromLastMeeting(String meetingId) {
    List<String> last = jdbc.queryForList("""
        select id from panel_meeting where status = 'CLOSED' and id <> ?
          and held_on <= (select held_on from panel_meeting where id = ?) order by held_on desc, closed_at desc limit 1""",
        String.class, meetingId, meetingId);
    if (last.isEmpty()) {
      return List.of();
    }
    return jdbc.query("""
        select a.id, a.case_code, a.description, a.owner, a.due_date from panel_action a
          join panel_outcome o on o.id = a.outcome_id
        where o.meeting_id = ? and a.status = 'OPEN' order by a.case_code, a.created_at, a.id""",
        (rs, i) -> {
          Date due = rs.getDate("due_date");
          return new Line(rs.getString("id"), rs.getString("case_code"), rs.getString("description"), rs.getString("owner"),
              due == null ? "" : due.toLocalDate().toString(), null, null);
        }, last.get(0));
  }

  /**
   * Records the review: every open action of the last meeting once, each not done or not possible,
   * a not-possible one with its reason.
   *
   * @throws RefusedException naming what is missing or not one of the listed actions
   */
  public void record(String meetingId, List<Map<String, Object>> answers, String reviewedBy) {
    Map<String, Line> open = new LinkedHashMap<>();
    openFromLastMeeting(meetingId).forEach(l -> open.put(l.actionId(), l));
    Map<String, Map<String, Object>> given = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> answer : answers == null ? List.<Map<String, Object>>of() : answers) {
      String id = text(answer.get("actionId"));
      if (id == null || !open.containsKey(id)) {
        problems.add("an action that is not one of the last panel's open actions");
      } else if (given.put(id, answer) != null) {
        problems.add("an action answered twice (" + open.get(id).caseCode() + ")");
      }
    }
    for (Line line : open.values()) {
      Map<String, Object> answer = given.get(line.actionId());
      String status = answer == null ? null : text(answer.get("status"));
      if (status == null || !STATUSES.contains(status)) {
        problems.add("say whether \"" + line.action() + "\" (" + line.caseCode() + ") is not done or not possible");
      } else if (NOT_POSSIBLE.equals(status) && text(answer.get("note")) == null) {
        problems.add("give the reason \"" + line.action() + "\" (" + line.caseCode() + ") is not possible");
      }
    }
    if (!problems.isEmpty()) {
      throw new RefusedException("The open actions review is not complete: " + String.join("; ", problems));
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("delete from panel_action_review where meeting_id = ?", meetingId);
    for (Map.Entry<String, Map<String, Object>> e : given.entrySet()) {
      String note = text(e.getValue().get("note"));
      jdbc.update("insert into panel_action_review (meeting_id, action_id, status, note, reviewed_at, reviewed_by) values (?,?,?,?,?,?)",
          meetingId, e.getKey(), text(e.getValue().get("status")), note == null ? null : truncate(note, 1000), now, reviewedBy);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }
}
