package uk.police.daoversight.security.sso;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import uk.police.daoversight.security.SystemAccess;

/**
 * Makes sure a person who signed in has an engine user, so the webapps run as them (Camunda's
 * container-based authentication needs the user to exist) and the allocation form can show their
 * name. Created on their first sign-in with a random password nobody knows (the local login is
 * closed in the {@code sso} profile). At every sign-in the engine's memberships are made to follow the
 * token's mapped groups ({@link #followGroups}), so what reads memberships (the SOO roster's rule that
 * a SOO is in the SOO group, Admin's user pages) sees what the provider says; the session itself runs
 * with the token's groups.
 */
public class SsoUsers {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identityService;

  public SsoUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  public void ensure(String userId, Map<String, Object> claims) {
    SystemAccess.run(identityService, () -> {
      if (identityService.createUserQuery().userId(userId).count() == 0) {
        User user = identityService.newUser(userId);
        user.setFirstName(text(claims.get("given_name"), 255));
        user.setLastName(text(claims.get("family_name"), 255));
        user.setEmail(text(claims.get("email"), 255));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        user.setPassword(Base64.getEncoder().encodeToString(secret) + "aA1!");
        try {
          ((IdentityServiceImpl) identityService).saveUser(user, true);
        } catch (RuntimeException e) {
          // Another node made the same user at the same moment: it is there, which is all we need.
          if (identityService.createUserQuery().userId(userId).count() == 0) {
            throw e;
          }
        }
      }
      return null;
    });
  }

  /**
   * The engine's memberships of this person in this application's groups become exactly the token's:
   * missing ones are added, others removed (a SOO no longer in the SOO group leaves the roster with
   * their cases, as {@code SooLeaverPlugin} does for any removal). Groups outside this application's
   * are left alone; the engine keeps its own guard on the last administrator.
   */
  public void followGroups(String userId, java.util.List<String> groups) {
    SystemAccess.run(identityService, () -> {
      java.util.Set<String> held = new java.util.HashSet<>();
      identityService.createGroupQuery().groupMember(userId).list().forEach(g -> held.add(g.getId()));
      for (String group : uk.police.daoversight.security.Groups.ALL) {
        if (uk.police.daoversight.security.Groups.REFERRAL_INTAKE.equals(group)) {
          continue;
        }
        boolean wanted = groups.contains(group);
        if (wanted && !held.contains(group)) {
          try {
            // Made by the application on the provider's word, as the demo identities are.
            uk.police.daoversight.engine.guard.AdminGuardPlugin.trusted(() -> {
              identityService.createMembership(userId, group);
              return null;
            });
          } catch (RuntimeException e) {
            // Another node's sign-in of the same person made it at the same moment: it is there.
            if (identityService.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
              throw e;
            }
          }
        } else if (!wanted && held.contains(group)) {
          try {
            identityService.deleteMembership(userId, group);
          } catch (RuntimeException e) {
            // The engine refuses to remove the last administrator: the membership stays, the session
            // still runs with the token's groups only.
            if (identityService.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
              continue;
            }
            if (!uk.police.daoversight.security.Groups.CAMUNDA_ADMIN.equals(group)) {
              throw e;
            }
          }
        }
      }
      return null;
    });
  }

  private static String text(Object value, int max) {
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s.length() > max ? s.substring(0, max) : s;
  }
}
