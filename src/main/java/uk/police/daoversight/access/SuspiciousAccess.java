package uk.police.daoversight.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Flags the attempts the super-complaint warns of: a perpetrator looking up their own case, someone
 * in the perpetrator's department or line of command, anyone refused again and again. Each raises a
 * task for information governance.
 */
@Service
public class SuspiciousAccess {

  static final int REFUSALS_IN_A_DAY = 3;

  private final ConflictOfInterest conflicts;
  private final AccessAlerts alerts;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SuspiciousAccess(ConflictOfInterest conflicts, AccessAlerts alerts, JdbcTemplate jdbc, Clock clock) {
    this.conflicts = conflicts;
    this.alerts = alerts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Called after every attempt on a case (allowed or refused), once it is in the audit. */
  public void check(String userId, String caseCode) {
    if (userId == null) {
      return;
    }
    Optional<ConflictOfInterest.Conflict> conflict = conflicts.check(userId, List.of(), caseCode);
    if (conflict.isPresent()) {
      alerts.raise(conflict.get().kind(), userId, caseCode,
          userId + " tried to reach case " + caseCode + ": " + conflict.get().reason());
      return;
    }
    Integer refusals = jdbc.queryForObject(
        "select count(*) from access_audit where user_id = ? and outcome = 'REFUSED' and occurred_at > ?",
        Integer.class, userId, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
    if (refusals != null && refusals >= REFUSALS_IN_A_DAY) {
      alerts.raise(AccessAlerts.Kind.REPEATED_REFUSALS, userId, null,
          userId + " was refused " + refusals + " times in the last 24 hours");
    }
  }
}
