package uk.police.daoversight.allocation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.config.BadRequestException;
import uk.police.daoversight.security.CurrentUser;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.security.NotFoundException;
import uk.police.daoversight.vault.IdentityVault;

/**
 * {@code GET /api/cases/{caseCode}/history?page=0&size=20}: every earlier case of the case's people,
 * newest first, a page at a time, for the coordinators at "Review history" (the form itself shows
 * only the newest that fit in an engine variable). Case codes, role labels and status only.
 */
@RestController
public class HistoryController {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  private final AllocationDesk desk;
  private final IdentityVault vault;
  private final CurrentUser currentUser;
  private final ConflictOfInterest conflicts;
  private final AccessAudit audit;

  public HistoryController(AllocationDesk desk, IdentityVault vault, CurrentUser currentUser, ConflictOfInterest conflicts,
                           AccessAudit audit) {
    this.desk = desk;
    this.vault = vault;
    this.currentUser = currentUser;
    this.conflicts = conflicts;
    this.audit = audit;
  }

  @GetMapping("/api/cases/{caseCode}/history")
  public AllocationDesk.HistoryPage history(@PathVariable String caseCode, @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size) {
    currentUser.requireAnyGroup(Groups.CASE_COORDINATORS);
    int p = number(page, 0, "page", 0, Integer.MAX_VALUE);
    int s = number(size, DEFAULT_SIZE, "size", 1, MAX_SIZE);
    if (!vault.exists(caseCode)) {
      throw new NotFoundException("No case " + caseCode);
    }
    conflicts.refuseIfConflicted(currentUser.userId(), currentUser.groups(), caseCode, "READ_HISTORY");
    AllocationDesk.HistoryPage answer = desk.historyPage(caseCode, p, s);
    audit.record(currentUser.userId(), caseCode, "READ_HISTORY", AccessAudit.Outcome.ALLOWED,
        "earlier cases page " + p + " of size " + s);
    return answer;
  }

  static int number(String text, int fallback, String name, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be a whole number from " + min + " to " + max);
    }
    if (n < min || n > max) {
      throw new BadRequestException(name + " must be a whole number from " + min + " to " + max);
    }
    return n;
  }
}
