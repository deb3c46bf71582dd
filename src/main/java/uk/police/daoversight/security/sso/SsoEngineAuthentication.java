package uk.police.daoversight.security.sso;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.police.daoversight.security.sso.SsoIdentity.Caller;

/**
 * In the {@code sso} profile, what {@code ApiAuthenticationFilter} does with HTTP Basic: the signed-in
 * caller (token or sign-in, after Spring Security) becomes the engine's current authentication for
 * the request, so every engine call made on their behalf is checked against their authorizations,
 * and the conflict guard and the access record see who they are.
 */
public class SsoEngineAuthentication extends OncePerRequestFilter {

  private final IdentityService identityService;

  public SsoEngineAuthentication(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = SsoCallers.of(SecurityContextHolder.getContext().getAuthentication());
    if (caller == null || caller.userId() == null) {
      chain.doFilter(request, response);
      return;
    }
    identityService.setAuthentication(caller.userId(), caller.groups());
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
