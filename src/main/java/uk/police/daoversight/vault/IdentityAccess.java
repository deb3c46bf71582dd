package uk.police.daoversight.vault;

import org.springframework.stereotype.Service;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/**
 * Need to know: a case's identities go to the case coordinators, the SOO(s) allocated to that case
 * while they oversee it, and PSD. Every read, allowed or refused, is audited.
 */
@Service
public class IdentityAccess {

  private final IdentityVault vault;
  private final SooRoster roster;
  private final AccessAudit audit;

  public IdentityAccess(IdentityVault vault, SooRoster roster, AccessAudit audit) {
    this.vault = vault;
    this.roster = roster;
    this.audit = audit;
  }

  public CaseIdentity read(String userId, java.util.List<String> groups, String caseCode) {
    boolean entitled = groups.contains(Groups.CASE_COORDINATORS) || groups.contains(Groups.PSD)
        || roster.isActiveSoo(caseCode, userId);
    if (!entitled) {
      audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.REFUSED, "not coordinator, allocated SOO or PSD");
      throw new ForbiddenException("You do not have access to the identities of this case");
    }
    CaseIdentity identity = vault.find(caseCode).orElseThrow(() -> new NotFoundException("No case " + caseCode));
    audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.ALLOWED, null);
    return identity;
  }
}
