package uk.police.daoversight.oversight;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.access.BreakGlass;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.access.SuspiciousAccess;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.panel.BreakoutRoom;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;

/**
 * {@code GET /api/cases/{caseCode}/updates}: the anonymised case update form. Shared only with
 * nominated people: the coordinators, the case's SOO(s), a panel's attendees while its breakout
 * room is open, and whoever broke the glass on it until that expires. Every read and refusal is
 * audited and checked for suspicious access.
 */
@RestController
public class CaseUpdateController {

  private final CaseUpdates updates;
  private final SooRoster roster;
  private final BreakoutRoom breakoutRoom;
  private final CurrentUser currentUser;
  private final AccessAudit audit;
  private final BreakGlass breakGlass;
  private final SuspiciousAccess suspicious;
  private final ConflictOfInterest conflicts;

  public CaseUpdateController(CaseUpdates updates, SooRoster roster, BreakoutRoom breakoutRoom, CurrentUser currentUser,
                              AccessAudit audit, BreakGlass breakGlass, SuspiciousAccess suspicious, ConflictOfInterest conflicts) {
    this.updates = updates;
    this.roster = roster;
    this.breakoutRoom = breakoutRoom;
    this.currentUser = currentUser;
    this.audit = audit;
    this.breakGlass = breakGlass;
    this.suspicious = suspicious;
    this.conflicts = conflicts;
  }

  @GetMapping("/api/cases/{caseCode}/updates")
  public List<Map<String, Object>> updates(@PathVariable String caseCode) {
    String user = currentUser.userId();
    // Conflicted: refused whatever else would entitle them (coordinator, SOO, a meeting, break glass).
    conflicts.refuseIfConflicted(user, currentUser.groups(), caseCode, "READ_CASE_UPDATES");
    boolean allowed = currentUser.inAnyGroup(Groups.CASE_COORDINATORS) || roster.isActiveSoo(caseCode, user)
        || breakoutRoom.mayRead(user, currentUser.groups(), caseCode) || breakGlass.isOpen(user, caseCode);
    audit.record(user, caseCode, "READ_CASE_UPDATES", allowed ? AccessAudit.Outcome.ALLOWED : AccessAudit.Outcome.REFUSED, null);
    suspicious.check(user, caseCode);
    if (!allowed) {
      throw new ForbiddenException("You do not have access to this case's update form");
    }
    return updates.entries(caseCode);
  }
}
