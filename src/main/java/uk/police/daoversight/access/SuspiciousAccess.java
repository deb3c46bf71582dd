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
    Integer refusals = jdbc.queryForObject(
        "select count(*) from access_audit where user_id = ? and outcome = 'REFUSED' and occurred_at > ?",
        Integer.class, userId, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
    if (refusals != null && refusals >= REFUSALS_IN_A_DAY) {
      alerts.raise(AccessAlerts.Kind.REPEATED_REFUSALS, userId, null,
          userId + " was refused " + refusals + " times in the last 24 hours");
    }
  }

  private static boolean same(String a, String b) {
    return a != null && b != null && !a.isBlank() && a.trim().equalsIgnoreCase(b.trim());
  }
}
