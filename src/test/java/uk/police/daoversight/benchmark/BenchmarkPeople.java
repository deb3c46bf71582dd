package uk.police.daoversight.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import uk.police.daoversight.allocation.SooProfile;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.security.Groups;

/**
 * The people of a benchmark run: the SOO roster (chief inspectors spread over 30 departments), a
 * coordinator and a manager, as users of the engine's identity service in their groups. Staff user
 * ids only: no party's identity is involved.
 */
final class BenchmarkPeople {

  static final String MANAGER = "bench-manager";

  private BenchmarkPeople() {}

  /** Adds the people; returns the SOOs' user ids. */
  static List<String> add(OversightApp app, int soos) {
    IdentityService identity = app.bean(IdentityService.class);
    SooRoster roster = app.bean(SooRoster.class);
    List<String> ids = sooIds(soos);
    for (int i = 0; i < ids.size(); i++) {
      user(identity, ids.get(i), Groups.SENIOR_OVERSIGHT_OFFICERS);
      roster.save(new SooProfile(ids.get(i), "Chief Inspector", "Bench department " + (i % 30), "CIB" + i, true, null, null));
    }
    user(identity, CaseWalk.COORDINATOR, Groups.CASE_COORDINATORS);
    user(identity, MANAGER, Groups.MANAGERS);
    return ids;
  }

  /** The same user ids without an engine to register them in (the baseline needs only the names). */
  static List<String> sooIds(int soos) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= soos; i++) {
      ids.add(String.format(Locale.ROOT, "soo-b%03d", i));
    }
    return ids;
  }

  private static void user(IdentityService identity, String id, String group) {
    User user = identity.newUser(id);
    user.setFirstName("Bench");
    user.setLastName(id);
    user.setPassword(UUID.randomUUID().toString());
    // A random password; the policy (which this one meets anyway) is not what is measured.
    ((IdentityServiceImpl) identity).saveUser(user, true);
    identity.createMembership(id, group);
  }
}
