package uk.police.daoversight.security.sso;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;
import uk.police.daoversight.security.sso.SsoIdentity.Kind;

/**
 * Camunda's container-based authentication for Tasklist, Cockpit and Admin: the webapps run as the
 * person Spring Security signed in, with the groups from their token (mapped by configuration), never
 * the engine's stored memberships. Camunda's own filters (CSRF, its authentication filter, the
 * engine API) then work as after a local login.
 */
public class SsoWebappAuthentication extends ContainerBasedAuthenticationFilter {

  public SsoWebappAuthentication() {
    authenticationProvider = new SignedInPerson();
  }

  @Override
  public void init(FilterConfig filterConfig) {
    // The provider is set in the constructor, not by class name.
  }

  /** The Spring Security sign-in as Camunda's authentication result. */
  static class SignedInPerson implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      Caller caller = SsoCallers.of(SecurityContextHolder.getContext().getAuthentication());
      if (caller == null || caller.kind() != Kind.PERSON || caller.userId() == null) {
        return AuthenticationResult.unsuccessful();
      }
      AuthenticationResult result = AuthenticationResult.successful(caller.userId());
      result.setGroups(caller.groups());
      result.setTenants(java.util.List.of());
      return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      // Spring Security sends people to the provider; a request reaching here unauthenticated is refused (401).
    }
  }
}
