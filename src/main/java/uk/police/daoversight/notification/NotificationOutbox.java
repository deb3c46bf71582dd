package uk.police.daoversight.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox ({@code notification_outbox}, {@code notification_preference}). Notices are added in the
 * caller's transaction (the engine's, when a listener adds them), so a notice exists exactly when the
 * work that caused it was committed. Sending claims a notice for a while first, so two nodes never send
 * the same one at once.
 */
@Repository
public class NotificationOutbox {

  public enum Mode { IMMEDIATE, DAILY_DIGEST }

  /** A notice waiting to go, with its row id and failed attempts so far. */
  public record Pending(String id, Notice notice, int attempts) {}

  private static final Duration CLAIM = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public NotificationOutbox(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void add(Notice n) {
    Instant now = clock.instant();
    jdbc.update("""
        insert into notification_outbox (id, recipient, kind, case_code, step_name, due_at, link, slot_start, slot_end,
          source_id, status, attempts, next_attempt_at, created_at) values (?,?,?,?,?,?,?,?,?,?,'PENDING',0,?,?)""",
        UUID.randomUUID().toString(), n.recipient(), n.kind().name(), n.caseCode(), cut(n.stepName(), 200), ts(n.dueAt()),
        cut(n.link(), 1000), ts(n.slotStart()), ts(n.slotEnd()), cut(n.sourceId(), 64), ts(now), ts(now));
  }

  /** Notices due now for people who want them at once (a panel slot invitation always goes at once). */
  public List<Pending> dueImmediate(int limit) {
    return jdbc.query("""
        select * from notification_outbox o where o.status = 'PENDING' and o.next_attempt_at <= ?
          and (o.claimed_until is null or o.claimed_until < ?)
          and (o.kind = 'PANEL_SLOT' or not exists (select 1 from notification_preference p
               where p.user_id = o.recipient and p.mode = 'DAILY_DIGEST'))
        order by o.created_at, o.id fetch first ? rows only""", this::pending, ts(clock.instant()), ts(clock.instant()), limit);
  }

  /** The people on the daily digest who have notices waiting. */
  public List<String> digestRecipients() {
    return jdbc.queryForList("""
        select distinct o.recipient from notification_outbox o join notification_preference p on p.user_id = o.recipient
        where p.mode = 'DAILY_DIGEST' and o.status = 'PENDING' and o.kind <> 'PANEL_SLOT' and o.next_attempt_at <= ?
          and (o.claimed_until is null or o.claimed_until < ?)
        order by o.recipient""", String.class, ts(clock.instant()), ts(clock.instant()));
  }

  public List<Pending> digestOf(String recipient) {
    return jdbc.query("""
        select * from notification_outbox o where o.recipient = ? and o.status = 'PENDING' and o.kind <> 'PANEL_SLOT'
          and o.next_attempt_at <= ? and (o.claimed_until is null or o.claimed_until < ?)
        order by o.created_at, o.id""", this::pending, recipient, ts(clock.instant()), ts(clock.instant()));
  }

  /** Takes the notice for this sender for a few minutes; false when another node has it or it is gone. */
  public boolean claim(String id) {
    Instant now = clock.instant();
    return jdbc.update("""
        update notification_outbox set claimed_until = ? where id = ? and status = 'PENDING'
          and (claimed_until is null or claimed_until < ?)""", ts(now.plus(CLAIM)), id, ts(now)) == 1;
  }

  public void sent(String id) {
    jdbc.update("update notification_outbox set status = 'SENT', sent_at = ?, claimed_until = null, last_error = null where id = ?",
        ts(clock.instant()), id);
  }

  /** A notice that cannot be sent to anyone (no such user, or no address): kept, with why. */
  public void skipped(String id, String why) {
    jdbc.update("update notification_outbox set status = 'SKIPPED', claimed_until = null, last_error = ? where id = ?",
        cut(why, 200), id);
  }

  /** A failed try: the next one after the back-off, or given up (FAILED) after the last attempt. */
  public void failed(String id, int attemptsBefore, Backoff backoff, String why) {
    int attempts = attemptsBefore + 1;
    Instant next = clock.instant().plus(backoff.after(attempts));
    jdbc.update("""
        update notification_outbox set attempts = ?, next_attempt_at = ?, claimed_until = null, last_error = ?,
          status = ? where id = ?""", attempts, ts(next), cut(why, 200), backoff.givesUp(attempts) ? "FAILED" : "PENDING", id);
  }

  public Mode mode(String userId) {
    List<String> modes = jdbc.queryForList("select mode from notification_preference where user_id = ?", String.class, userId);
    return modes.isEmpty() ? Mode.IMMEDIATE : Mode.valueOf(modes.get(0));
  }

  public void setMode(String userId, Mode mode) {
    Timestamp now = ts(clock.instant());
    if (jdbc.update("update notification_preference set mode = ?, updated_at = ? where user_id = ?", mode.name(), now, userId) == 0) {
      jdbc.update("insert into notification_preference (user_id, mode, updated_at) values (?,?,?)", userId, mode.name(), now);
    }
  }

  /** How many of this person's notices wait to be sent. */
  public int pendingFor(String userId) {
    Integer n = jdbc.queryForObject("select count(*) from notification_outbox where recipient = ? and status = 'PENDING'",
        Integer.class, userId);
    return n == null ? 0 : n;
  }

  public Optional<String> status(String id) {
    return jdbc.queryForList("select status from notification_outbox where id = ?", String.class, id).stream().findFirst();
  }

  private Pending pending(ResultSet rs, int row) throws SQLException {
    Notice n = new Notice(rs.getString("recipient"), NoticeKind.valueOf(rs.getString("kind")), rs.getString("case_code"),
        rs.getString("step_name"), instant(rs.getTimestamp("due_at")), rs.getString("link"),
        instant(rs.getTimestamp("slot_start")), instant(rs.getTimestamp("slot_end")), rs.getString("source_id"));
    return new Pending(rs.getString("id"), n, rs.getInt("attempts"));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
