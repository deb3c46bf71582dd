package uk.police.daoversight.access;

import static uk.police.daoversight.process.AlertVariables.ALERT_CASE_CODE;
import static uk.police.daoversight.process.AlertVariables.ALERT_KIND;
import static uk.police.daoversight.process.AlertVariables.ALERT_SUMMARY;
import static uk.police.daoversight.process.AlertVariables.ALERT_USER;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Service;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.SystemAccess;

/**
 * Raises an alert for information governance: an {@code accessAlert} process with a task for the
 * group. The same alert (kind, user, case) is raised once a day at most.
 */
@Service
public class AccessAlerts {

  public enum Kind { BREAK_GLASS, PERPETRATOR_SELF, PERPETRATOR_DEPARTMENT, LINE_OF_COMMAND, REPEATED_REFUSALS }

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final AccessAudit audit;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public AccessAlerts(RuntimeService runtimeService, IdentityService identityService, AccessAudit audit, JdbcTemplate jdbc,
                      Clock clock) {
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
    if (kind != Kind.BREAK_GLASS && recent != null && recent > 0) {
      return;
    }
    audit.record(userId, caseCode, "ACCESS_ALERT", AccessAudit.Outcome.ALLOWED, detail);
    SystemAccess.run(identityService, () -> runtimeService.startProcessInstanceByKey("accessAlert", Variables.createVariables()
        .putValue(ALERT_KIND.getName(), kind.name())
        .putValue(ALERT_USER.getName(), userId)
        .putValue(ALERT_CASE_CODE.getName(), caseCode)
        .putValue(ALERT_SUMMARY.getName(), summary)));
  }
}
