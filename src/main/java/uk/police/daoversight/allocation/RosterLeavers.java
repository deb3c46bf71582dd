package uk.police.daoversight.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.police.daoversight.access.DirectoryImport;
import uk.police.daoversight.audit.AccessAudit;

/**
 * Keeps the SOO roster to real chief inspectors (#19 item 2): whoever the directory, the engine's
 * users or the SOO group show has left the force or the rank is taken off the roster, and each of
 * their open cases is withdrawn from them and sent to the coordinators' "Reallocate the case".
 * Runs after every directory import and when a user is deleted or leaves the SOO group
 * ({@link SooLeaverPlugin}).
 */
@Service
public class RosterLeavers {

  /** One SOO taken off the roster, with the reason and the cases sent to reallocation. */
  public record Leaver(String userId, String reason, List<String> cases) {}

  private final SooRoster roster;
  private final SooMembership membership;
  private final ReallocationService reallocation;
  private final AccessAudit audit;

  public RosterLeavers(SooRoster roster, SooMembership membership, ReallocationService reallocation, AccessAudit audit) {
    this.roster = roster;
    this.membership = membership;
    this.reallocation = reallocation;
    this.audit = audit;
  }

  /**
   * After a directory import: each person it loaded who is on the roster and is no longer a chief
   * inspector (or no longer a user, or in the SOO group) is taken off. A feed names the people it
   * changes, so someone it does not mention is left as they were.
   */
  @EventListener
  public void onDirectoryImported(DirectoryImport.Imported imported) {
    Set<String> loaded = Set.copyOf(imported.userIds());
    sweep(roster.all().stream().map(SooProfile::userId).filter(loaded::contains).toList(), imported.importedBy());
  }

  /** Each of these roster entries that may no longer be there is taken off; returns who and why. */
  @Transactional
  public List<Leaver> sweep(Collection<String> userIds, String by) {
    List<Leaver> leavers = new ArrayList<>();
    for (String userId : userIds) {
      Optional<String> why = membership.whyNot(userId);
      why.ifPresent(reason -> leavers.add(takeOff(userId, reason, by)));
    }
    return leavers;
  }

  /**
   * Takes one SOO off the roster for the reason given (known to the caller, as when the user is
   * being deleted) and sends their open cases to reallocation.
   */
  @Transactional
  public Leaver takeOff(String userId, String reason, String by) {
    List<String> cases = roster.openCasesOf(userId);
    boolean wasOn = roster.remove(userId);
    for (String caseCode : cases) {
      reallocation.withdraw(caseCode, userId, "left the SOO roster: " + reason);
    }
    if (wasOn || !cases.isEmpty()) {
      audit.record(by, null, "ROSTER_REMOVED", AccessAudit.Outcome.ALLOWED,
          userId + " taken off the SOO roster (" + reason + "); " + cases.size() + " open case(s) sent to reallocation");
    }
    return new Leaver(userId, reason, cases);
  }
}
