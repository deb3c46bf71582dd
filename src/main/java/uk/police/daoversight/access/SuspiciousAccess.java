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
  private final StaffDirectory directory;
  private final AccessAlerts alerts;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SuspiciousAccess(ConflictOfInterest conflicts, StaffDirectory directory, AccessAlerts alerts, JdbcTemplate jdbc,
                          Clock clock) {
    this.conflicts = conflicts;
    this.directory = directory;
    this.alerts = alerts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Called after every attempt on a case (allowed or refused), once it is in the audit. */
  public void check(String userId, String caseCode) {
    if (userId == null) {
      return;
    }
    // As the engine's guard asks it: someone who manages nobody cannot be in the perpetrator's line of
    // command, so the walk up the directory is made only for managers.
    Optional<ConflictOfInterest.Conflict> conflict = caseCode == null ? Optional.empty()
        : conflicts.check(conflicts.profile(userId, List.of()), conflicts.managesAnyone(userId), caseCode);
    if (conflict.isPresent()) {
      alerts.raise(conflict.get().kind(), userId, caseCode,
          userId + " tried to reach case " + caseCode + ": " + conflict.get().reason());
      return;
    }
    if (caseCode != null && directory.find(userId).isEmpty() && !onTheRoster(userId)
        && neverAlerted(userId, AccessAlerts.Kind.NOT_IN_DIRECTORY)) {
      // Issue #16 item 5: someone in neither the directory nor the SOO roster raises an alert on their first case read.
      alerts.raise(AccessAlerts.Kind.NOT_IN_DIRECTORY, userId, null,
          userId + " reached case " + caseCode + " but is not in the staff directory (nor the SOO roster)");
    }
    // Refusals since the last alert about them (within the last day): every further REFUSALS_IN_A_DAY alert again.
    Timestamp dayAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
    Timestamp lastAlert = jdbc.queryForObject("select max(occurred_at) from access_audit where action = 'ACCESS_ALERT'"
        + " and user_id = ? and detail = ? and occurred_at > ?", Timestamp.class, userId, AccessAlerts.Kind.REPEATED_REFUSALS.name(), dayAgo);
    Integer refusals = jdbc.queryForObject(
        "select count(*) from access_audit where user_id = ? and outcome = 'REFUSED' and occurred_at > ?",
        Integer.class, userId, lastAlert != null ? lastAlert : dayAgo);
    if (refusals != null && refusals >= REFUSALS_IN_A_DAY) {
      alerts.raise(AccessAlerts.Kind.REPEATED_REFUSALS, userId, null,
          userId + " was refused " + refusals + " times in the last 24 hours");
    }
  }

  private boolean onTheRoster(String userId) {
    Integer entries = jdbc.queryForObject("select count(*) from soo_roster where user_id = ?", Integer.class, userId);
    return entries != null && entries > 0;
  }

  private boolean neverAlerted(String userId, AccessAlerts.Kind kind) {
    Integer alerts = jdbc.queryForObject("select count(*) from access_audit where action = 'ACCESS_ALERT' and user_id = ? and detail = ?",
        Integer.class, userId, kind.name());
    return alerts == null || alerts == 0;
  }
}
