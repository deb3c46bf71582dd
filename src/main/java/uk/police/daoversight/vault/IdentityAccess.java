package uk.police.daoversight.vault;

import org.springframework.stereotype.Service;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.access.SuspiciousAccess;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.audit.Purposes;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;

/**
 * Need to know: a case's identities go to the case coordinators, the SOO(s) allocated to that case
 * while they oversee it, PSD, and whoever broke the glass on it until that expires. Every read,
 * allowed or refused, is audited and checked for suspicious access; an entitled read needs a purpose
 * from the force's list ({@link Purposes}), stored with it. Nobody conflicted on the case
 * ({@link ConflictOfInterest}) reads it, whatever their role.
 */
@Service
public class IdentityAccess {

  private final IdentityVault vault;
  private final SooRoster roster;
  private final AccessAudit audit;
  private final BreakGlass breakGlass;
  private final SuspiciousAccess suspicious;
  private final ConflictOfInterest conflicts;

  private final Purposes purposes;

  public IdentityAccess(IdentityVault vault, SooRoster roster, AccessAudit audit, BreakGlass breakGlass,
                        SuspiciousAccess suspicious, ConflictOfInterest conflicts, Purposes purposes) {
    this.purposes = purposes;
    this.vault = vault;
    this.roster = roster;
    this.audit = audit;
    this.breakGlass = breakGlass;
    this.suspicious = suspicious;
    this.conflicts = conflicts;
  }

  public CaseIdentity read(String userId, java.util.List<String> groups, String caseCode, String purpose, String note) {
    // A conflict is refused whatever else would entitle the user (coordinator, SOO, PSD, break glass).
    conflicts.refuseIfConflicted(userId, groups, caseCode, "READ_IDENTITY");
    boolean entitled = groups.contains(Groups.CASE_COORDINATORS) || groups.contains(Groups.PSD)
        || roster.isActiveSoo(caseCode, userId) || breakGlass.isOpen(userId, caseCode);
    if (!entitled) {
      audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.REFUSED, "not coordinator, allocated SOO or PSD");
      suspicious.check(userId, caseCode);
      throw new ForbiddenException("You do not have access to the identities of this case");
    }
    Purposes.Purpose why;
    try {
      why = purposes.require(purpose, note);
    } catch (RuntimeException noPurpose) {
      audit.record(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.REFUSED, "no purpose given");
      throw noPurpose;
    }
    CaseIdentity identity = vault.find(caseCode).orElseThrow(() -> new NotFoundException("No case " + caseCode));
    audit.record(new AccessAudit.Row(userId, caseCode, "READ_IDENTITY", AccessAudit.Outcome.ALLOWED, null, why.code(),
        note == null || note.isBlank() ? null : note.trim(), null));
    suspicious.check(userId, caseCode);
    return identity;
  }
}
