package uk.police.daoversight.allocation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The names of SOOs as the engine's users know them (staff, not parties: the coordinator choosing a
 * SOO sees who they are choosing). One query for all of them.
 */
@Component
public class SooNames {

  private final IdentityService identityService;

  public SooNames(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** User id to "First Last"; users the engine does not know are left out. */
  public Map<String, String> of(Collection<String> userIds) {
    Map<String, String> names = new HashMap<>();
    if (userIds.isEmpty()) {
      return names;
    }
    for (User u : identityService.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()) {
      String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " " + (u.getLastName() == null ? "" : u.getLastName())).trim();
      names.put(u.getId(), name.isEmpty() ? u.getId() : name);
    }
    return names;
  }
}
