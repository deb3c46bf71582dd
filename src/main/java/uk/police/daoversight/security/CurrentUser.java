package uk.police.daoversight.security;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The caller of an {@code /api} request, as Camunda's authentication filter established it (HTTP
 * Basic against the engine's identity service).
 */
@Component
public class CurrentUser {

  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String userId() {
    return authentication().getUserId();
  }

  public List<String> groups() {
    List<String> groups = authentication().getGroupIds();
    return groups == null ? List.of() : groups;
  }

  public boolean inAnyGroup(String... groupIds) {
    List<String> mine = groups();
    return Arrays.stream(groupIds).anyMatch(mine::contains);
  }

  /** Refuses with 403 unless the caller belongs to one of the groups. */
  public void requireAnyGroup(String... groupIds) {
    if (!inAnyGroup(groupIds)) {
      throw new ForbiddenException("Not permitted for your role");
    }
  }

  private Authentication authentication() {
    Authentication auth = identityService.getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      throw new ForbiddenException("Not authenticated");
    }
    return auth;
  }
}
