package uk.police.daoversight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.police.daoversight.config.DatabaseUnavailable;

/**
 * HTTP Basic for the application's own {@code /api}, against the engine's identity service (so the
 * engine's login throttling applies), with the same effect as Camunda's filter on engine-rest: the
 * caller's user and groups are the engine's current authentication for the request, so every
 * engine call made on their behalf is checked against their authorizations.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    List<String> groups;
    try {
      if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"case-oversight\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":401,\"message\":\"Authentication required\"}");
        return;
      }
      groups = identityService.createGroupQuery().groupMember(credentials[0]).list().stream().map(Group::getId).toList();
    } catch (RuntimeException e) {
      if (!DatabaseUnavailable.isCauseOf(e)) {
        throw e;
      }
      // The users live in the database: while it is away nobody can be checked, so say so plainly.
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "5");
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":503,\"message\":\"The case store is briefly unavailable. Try again in a few seconds.\"}");
      return;
    }
    identityService.setAuthentication(credentials[0], groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
