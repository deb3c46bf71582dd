package uk.police.daoversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import uk.police.daoversight.engine.guard.AdminGuardPlugin;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes Camunda Admin's first-run setup ({@code /camunda/api/admin/setup/...}) for good once an
 * administrator has existed (the engine refuses it too: {@link AdminGuardPlugin}). CVE-2026-77226 (fixed only in enterprise 7.24.15) lets an unauthenticated
 * caller create an administrator through it when the {@code camunda-admin} group has no direct
 * member; this guard does not depend on how Camunda counts members.
 */
public class SetupEndpointGuard extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final ProcessEngine engine;

  public SetupEndpointGuard(IdentityService identityService, ProcessEngine engine) {
    this.identityService = identityService;
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Closed for good once an administrator has ever existed (the engine keeps the marker), and while one exists.
    if ((engine != null && AdminGuardPlugin.adminHasExisted(engine))
        || identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":403,\"message\":\"Setup is closed: an administrator has existed\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
