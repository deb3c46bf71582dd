package uk.police.daoversight.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.springframework.stereotype.Component;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.allocation.SooProfile;
import uk.police.daoversight.allocation.SooRoster;

/**
 * Demo users (password {@code demo}) and a demo SOO roster, so a newcomer sees the system work at
 * once. Only when {@code oversight.demo.enabled} (the default profile, or profile {@code demo}).
 */
@Component
public class DemoIdentities {

  public static final String PASSWORD = "demo";

  /** user id -> [first name, last name, group]. Fictional role names, not people. */
  static final Map<String, String[]> USERS = new LinkedHashMap<>();

  static {
    USERS.put("coordinator", new String[] {"Case", "Coordinator", Groups.CASE_COORDINATORS});
    for (int i = 1; i <= 6; i++) {
      USERS.put("soo" + i, new String[] {"SOO", "Number " + i, Groups.SENIOR_OVERSIGHT_OFFICERS});
    }
    USERS.put("chair", new String[] {"Panel", "Chair", Groups.PANEL_CHAIR});
    USERS.put("panel1", new String[] {"Panel", "Member", Groups.PANEL_MEMBERS});
    USERS.put("partner1", new String[] {"Partner", "Agency", Groups.PARTNER_AGENCIES});
    USERS.put("psd1", new String[] {"PSD", "Representative", Groups.PSD});
    USERS.put("analyst", new String[] {"Rules", "Analyst", Groups.ANALYSTS});
    USERS.put("manager", new String[] {"Oversight", "Manager", Groups.MANAGERS});
    USERS.put("auditor", new String[] {"Information", "Governance", Groups.INFORMATION_GOVERNANCE});
    USERS.put("admin", new String[] {"Camunda", "Administrator", Groups.CAMUNDA_ADMIN});
  }

  /** Six chief inspectors; soo6 works in PSD, an excluded role. Departments are fictional. */
  static final List<SooProfile> ROSTER = List.of(
      new SooProfile("soo1", "Chief Inspector", "Response North", "CI1001", true, null, null),
      new SooProfile("soo2", "Chief Inspector", "Response South", "CI1002", true, null, null),
      new SooProfile("soo3", "Chief Inspector", "Criminal Investigation", "CI1003", true, null, null),
      new SooProfile("soo4", "Chief Inspector", "Neighbourhoods", "CI1004", true, null, null),
      new SooProfile("soo5", "Chief Inspector", "Contact Management", "CI1005", true, null, null),
      new SooProfile("soo6", "Chief Inspector", "Professional Standards", "CI1006", true, "PSD", null));

  /** The demo staff directory: staff numbers, departments and line managers (fictional). */
  static final List<StaffDirectory.Staff> STAFF = List.of(
      new StaffDirectory.Staff("coordinator", "CS2001", "Public Protection", "manager"),
      new StaffDirectory.Staff("soo1", "CI1001", "Response North", "manager"),
      new StaffDirectory.Staff("soo2", "CI1002", "Response South", "manager"),
      new StaffDirectory.Staff("soo3", "CI1003", "Criminal Investigation", "manager"),
      new StaffDirectory.Staff("soo4", "CI1004", "Neighbourhoods", "manager"),
      new StaffDirectory.Staff("soo5", "CI1005", "Contact Management", "manager"),
      new StaffDirectory.Staff("soo6", "CI1006", "Professional Standards", "manager"),
      new StaffDirectory.Staff("chair", "CS3001", "Public Protection", null),
      new StaffDirectory.Staff("panel1", "PS4001", "Public Protection", "chair"),
      new StaffDirectory.Staff("psd1", "PS5001", "Professional Standards", "manager"),
      new StaffDirectory.Staff("analyst", "ST6001", "Performance and Analysis", "manager"),
      new StaffDirectory.Staff("manager", "CS7001", "Command Team", null),
      new StaffDirectory.Staff("auditor", "ST8001", "Information Management", "manager"));

  private final IdentityService identityService;
  private final SooRoster roster;
  private final StaffDirectory directory;

  public DemoIdentities(IdentityService identityService, SooRoster roster, StaffDirectory directory) {
    this.identityService = identityService;
    this.roster = roster;
    this.directory = directory;
  }

  public void apply() {
    USERS.forEach((id, details) -> {
      if (identityService.createUserQuery().userId(id).count() == 0) {
        User user = identityService.newUser(id);
        user.setFirstName(details[0]);
        user.setLastName(details[1]);
        user.setEmail(id + "@demo.invalid");
        user.setPassword(PASSWORD);
        // The demo password is deliberately short; the password policy applies to everyone else.
        ((IdentityServiceImpl) identityService).saveUser(user, true);
      }
      if (identityService.createUserQuery().userId(id).memberOfGroup(details[2]).count() == 0) {
        uk.police.daoversight.engine.guard.AdminGuardPlugin.trusted(() -> {
          identityService.createMembership(id, details[2]);
          return null;
        });
      }
    });
    for (SooProfile soo : ROSTER) {
      if (roster.find(soo.userId()).isEmpty()) {
        roster.save(soo);
      }
    }
    for (StaffDirectory.Staff staff : STAFF) {
      if (directory.find(staff.userId()).isEmpty()) {
        directory.save(staff);
      }
    }
    // The roster's chief inspectors hold the rank in the directory too (#19 item 2: the roster follows it).
    for (SooProfile soo : ROSTER) {
      if (directory.rankOf(soo.userId()).isEmpty()) {
        directory.setRank(soo.userId(), soo.rank());
      }
    }
  }
}
