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
 * closed in the {@code sso} profile); groups are never written here: they come from the token at
 * every sign-in.
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

  private static String text(Object value, int max) {
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s.length() > max ? s.substring(0, max) : s;
  }
}
