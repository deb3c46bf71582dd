package uk.police.daoversight.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The append-only access audit: who read or was refused an identity, and every grant and removal
 * of access. This class only ever inserts; nothing in the application updates or deletes a row.
 */
@Component
public class AccessAudit {

  public enum Outcome { ALLOWED, REFUSED, GRANTED, REVOKED }

  /** Column sizes of access_audit (V1): a longer value is refused here, before the insert, not by the database. */
  public static final int MAX_USER = 64;
  public static final int MAX_CASE_CODE = 9;
  public static final int MAX_ACTION = 40;
  public static final int MAX_DETAIL = 500;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public AccessAudit(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public record Entry(long id, Instant occurredAt, String userId, String caseCode, String action, String outcome,
                      String detail) {}

  /** The trail, oldest first, narrowed by any of case, user and time (each may be null). */
  public List<Entry> query(String caseCode, String userId, Instant from, Instant to) {
    StringBuilder sql = new StringBuilder("select * from access_audit where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (caseCode != null && !caseCode.isBlank()) {
      sql.append(" and case_code = ?");
      args.add(caseCode);
    }
    if (userId != null && !userId.isBlank()) {
      sql.append(" and user_id = ?");
      args.add(userId);
    }
    if (from != null) {
      sql.append(" and occurred_at >= ?");
      args.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" and occurred_at < ?");
      args.add(Timestamp.from(to));
    }
    sql.append(" order by id limit 10000");
    return jdbc.query(sql.toString(), (rs, i) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("user_id"), rs.getString("case_code"), rs.getString("action"), rs.getString("outcome"),
        rs.getString("detail")), args.toArray());
  }

  /**
   * Appends one row. A detail longer than the column is shortened (marked with an ellipsis) rather than
   * failing the grant it records; a case code that does not fit cannot be a case and is kept out of
   * its column (the detail says so); a user id or action that does not fit is a programming error
   * (they come from the engine and the code) and fails, rolling back what it records.
   */
  public void record(String userId, String caseCode, String action, Outcome outcome, String detail) {
    if ((userId != null && userId.length() > MAX_USER) || action == null || action.length() > MAX_ACTION) {
      throw new IllegalArgumentException("Audit entry does not fit the access audit: " + action);
    }
    if (caseCode != null && caseCode.length() > MAX_CASE_CODE) {
      caseCode = null;
      detail = "not a case code" + (detail == null ? "" : "; " + detail);
    }
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "\u2026";
    }
    jdbc.update("insert into access_audit (occurred_at, user_id, case_code, action, outcome, detail) values (?,?,?,?,?,?)",
        Timestamp.from(clock.instant()), userId, caseCode, action, outcome.name(), detail);
  }
}
