package uk.police.daoversight.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import uk.police.daoversight.vault.CaseIdentity;
import uk.police.daoversight.vault.IdentityVault;

/**
 * Flags the attempts the super-complaint warns of: a perpetrator looking up their own case, someone
 * in the perpetrator's department or line of command, anyone refused again and again. Each raises a
 * task for information governance.
 */
@Service
public class SuspiciousAccess {

  static final int REFUSALS_IN_A_DAY = 3;

  private final IdentityVault vault;
  private final StaffDirectory directory;
  private final AccessAlerts alerts;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public SuspiciousAccess(IdentityVault vault, StaffDirectory directory, AccessAlerts alerts, JdbcTemplate jdbc, Clock clock) {
    this.vault = vault;
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
    Optional<CaseIdentity> identity = caseCode == null ? Optional.empty() : vault.find(caseCode);
    Optional<StaffDirectory.Staff> who = directory.find(userId);
    if (who.isEmpty()) {
      // Issue #16 item 5: the roster's staff number counts; someone in neither raises an alert on their first case read.
      who = rosterEntry(userId);
      if (who.isEmpty() && caseCode != null && neverAlerted(userId, AccessAlerts.Kind.NOT_IN_DIRECTORY)) {
        alerts.raise(AccessAlerts.Kind.NOT_IN_DIRECTORY, userId, null,
            userId + " reached case " + caseCode + " but is not in the staff directory (nor the SOO roster)");
      }
    }
    if (identity.isPresent() && who.isPresent()) {
      String perpetratorNumber = identity.get().perpetrator().staffNumber();
      if (same(who.get().staffNumber(), perpetratorNumber)) {
        alerts.raise(AccessAlerts.Kind.PERPETRATOR_SELF, userId, caseCode,
            userId + " tried to reach case " + caseCode + ", in which they are the perpetrator");
        return;
      }
      if (same(who.get().department(), identity.get().perpetrator().department())) {
        alerts.raise(AccessAlerts.Kind.PERPETRATOR_DEPARTMENT, userId, caseCode,
            userId + " works in the perpetrator's department and tried to reach case " + caseCode);
        return;
      }
      Optional<StaffDirectory.Staff> perpetrator = directory.byStaffNumber(perpetratorNumber);
      if (perpetrator.isPresent() && directory.lineOfCommand(perpetrator.get().userId()).contains(userId)) {
        alerts.raise(AccessAlerts.Kind.LINE_OF_COMMAND, userId, caseCode,
            userId + " is in the perpetrator's line of command and tried to reach case " + caseCode);
        return;
      }
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

  private Optional<StaffDirectory.Staff> rosterEntry(String userId) {
    return jdbc.query("select staff_number, department from soo_roster where user_id = ?",
        (rs, i) -> new StaffDirectory.Staff(userId, rs.getString(1), rs.getString(2), null), userId).stream().findFirst();
  }

  private boolean neverAlerted(String userId, AccessAlerts.Kind kind) {
    Integer alerts = jdbc.queryForObject("select count(*) from access_audit where action = 'ACCESS_ALERT' and user_id = ? and detail = ?",
        Integer.class, userId, kind.name());
    return alerts == null || alerts == 0;
  }

  private static boolean same(String a, String b) {
    return a != null && b != null && !a.isBlank() && a.trim().equalsIgnoreCase(b.trim());
  }
}
