package uk.police.daoversight.audit;

import java.sql.Timestamp;
import java.time.Clock;
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

  public void record(String userId, String caseCode, String action, Outcome outcome, String detail) {
    jdbc.update("insert into access_audit (occurred_at, user_id, case_code, action, outcome, detail) values (?,?,?,?,?,?)",
        Timestamp.from(clock.instant()), userId, caseCode, action, outcome.name(), detail);
  }
}
