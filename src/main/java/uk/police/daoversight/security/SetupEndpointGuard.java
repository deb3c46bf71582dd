package uk.police.daoversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes Camunda Admin's first-run setup ({@code /camunda/api/admin/setup/...}) once an
 * administrator exists. CVE-2026-77226 (fixed only in enterprise 7.24.15) lets an unauthenticated
 * caller create an administrator through it when the {@code camunda-admin} group has no direct
 * member; this guard does not depend on how Camunda counts members.
 */
public class SetupEndpointGuard extends OncePerRequestFilter {

  private final IdentityService identityService;

  public SetupEndpointGuard(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":403,\"message\":\"Setup is closed: an administrator exists\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
