package uk.police.daoversight.vault;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.security.CurrentUser;

/** {@code GET /api/cases/{caseCode}/identity?purpose=&note=}: who is involved, for those who need to know, and why. */
@RestController
public class IdentityController {

  private final IdentityAccess access;
  private final CurrentUser currentUser;

  public IdentityController(IdentityAccess access, CurrentUser currentUser) {
    this.access = access;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/cases/{caseCode}/identity")
  public CaseIdentity identity(@PathVariable String caseCode, @RequestParam(required = false) String purpose,
                               @RequestParam(required = false) String note) {
    return access.read(currentUser.userId(), currentUser.groups(), caseCode, purpose, note);
  }
}
