package uk.police.daoversight.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the application, not as the caller: for look-ups the application makes on
 * its own behalf (which case a task belongs to, a rules deployment). The caller's authentication is
 * restored afterwards.
 */
public final class SystemAccess {

  private SystemAccess() {}

  public static <T> T run(IdentityService identityService, Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}
