package uk.police.daoversight.access;

import static uk.police.daoversight.process.AlertVariables.ALERT_ID;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import uk.police.daoversight.vault.seal.CaseSeal;
import uk.police.daoversight.vault.seal.SealedColumns;
import uk.police.daoversight.vault.seal.VaultSeals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Service;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.SystemAccess;

/**
 * Raises an alert for information governance: its details (kind, who, which case, what happened)
 * in the application's {@code access_alert} table, which only information governance reads
 * ({@code GET /api/alerts}), and an {@code accessAlert} process with a task for the group that holds
 * the alert's opaque id alone (as its only variable and its business key). The same alert (kind,
 * user, case) is raised once a day at most.
 */
@Service
public class AccessAlerts {

  public enum Kind { BREAK_GLASS, PERPETRATOR_SELF, PERPETRATOR_DEPARTMENT, LINE_OF_COMMAND, REPEATED_REFUSALS, NOT_IN_DIRECTORY }

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AccessAudit audit;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final VaultSeals seals;

  public AccessAlerts(RuntimeService runtimeService, IdentityService identityService, AccessAudit audit, JdbcTemplate jdbc,
                      Clock clock, VaultSeals seals) {
    this.seals = seals;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The alert's audit row and its process together, or neither. */
  @Transactional
  public void raise(Kind kind, String userId, String caseCode, String summary) {
    String detail = kind.name();
    Integer recent = jdbc.queryForObject("""
        select count(*) from access_audit where action = 'ACCESS_ALERT' and user_id = ? and detail = ?
          and coalesce(case_code, '') = coalesce(?, '') and occurred_at > ?""",
        Integer.class, userId, detail, caseCode, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
    // Repeated refusals are counted by SuspiciousAccess from the last alert on (a threshold, not once a day).
    if (kind != Kind.BREAK_GLASS && kind != Kind.REPEATED_REFUSALS && recent != null && recent > 0) {
      return;
    }
    audit.record(userId, caseCode, "ACCESS_ALERT", AccessAudit.Outcome.ALLOWED, detail);
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into access_alert (id, raised_at, kind, user_id, case_code, summary) values (?,?,?,?,?,?)",
        id, Timestamp.from(clock.instant()), kind.name(), userId, caseCode,
        sealed(caseCode, summary.length() > 2000 ? summary.substring(0, 2000) : summary));
    SystemAccess.run(identityService, () -> runtimeService.startProcessInstanceByKey("accessAlert", id,
        Variables.createVariables().putValue(ALERT_ID.getName(), id)));
  }

  /** An alert as information governance reads it. */
  public record Alert(String id, Instant raisedAt, String kind, String userId, String caseCode, String summary) {}

  /** An alert about a case may quote what someone typed (a break-glass reason): sealed with the case's key. */
  private String sealed(String caseCode, String summary) {
    if (caseCode == null) {
      return summary;
    }
    CaseSeal seal = seals.of(caseCode);
    return seal.erased() ? null : seal.seal(SealedColumns.ACCESS_ALERT, "summary", summary);
  }

  public Optional<Alert> find(String id) {
    return jdbc.query("select id, raised_at, kind, user_id, case_code, summary from access_alert where id = ?",
        (rs, i) -> alert(rs), id).stream().findFirst();
  }

  /** The newest alerts first, at most {@code limit}; of one user and/or case when given. */
  public List<Alert> list(String userId, String caseCode, int limit) {
    return jdbc.query("""
        select id, raised_at, kind, user_id, case_code, summary from access_alert
         where (cast(? as varchar(64)) is null or user_id = ?) and (cast(? as varchar(9)) is null or case_code = ?)
         order by raised_at desc, id fetch first ? rows only""",
        (rs, i) -> alert(rs), userId, userId, caseCode, caseCode, limit);
  }

  private Alert alert(java.sql.ResultSet rs) throws java.sql.SQLException {
    String caseCode = rs.getString("case_code");
    String summary = rs.getString("summary");
    if (caseCode != null) {
      CaseSeal seal = seals.of(caseCode);
      summary = seal.erased() ? "(erased at the end of the case's retention)" : seal.open(SealedColumns.ACCESS_ALERT, "summary", summary);
    }
    return new Alert(rs.getString("id"), rs.getTimestamp("raised_at").toInstant(), rs.getString("kind"),
        rs.getString("user_id"), caseCode, summary);
  }
}
