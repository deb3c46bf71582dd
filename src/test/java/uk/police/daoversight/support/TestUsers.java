package uk.police.daoversight.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;

/** Users a test needs beyond the demo ones (password {@code demo}), created once, with the groups named. */
public final class TestUsers {

  private TestUsers() {}

  public static void ensure(IdentityService identityService, String id, String... groups) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User u = identityService.newUser(id);
      u.setFirstName(id);
      u.setLastName("Test");
      u.setPassword("demo");
      // The demo password is below the password policy: saved without the policy check, as the demo users are.
      ((IdentityServiceImpl) identityService).saveUser(u, true);
    }
    for (String g : groups) {
      if (identityService.createUserQuery().userId(id).memberOfGroup(g).count() == 0) {
        identityService.createMembership(id, g);
      }
    }
  }
}
