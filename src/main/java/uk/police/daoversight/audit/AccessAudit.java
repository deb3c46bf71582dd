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

  public void record(String userId, String caseCode, String action, Outcome outcome, String detail) {
    jdbc.update("insert into access_audit (occurred_at, user_id, case_code, action, outcome, detail) values (?,?,?,?,?,?)",
        Timestamp.from(clock.instant()), userId, caseCode, action, outcome.name(), detail);
  }
}
