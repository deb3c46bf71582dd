package uk.police.daoversight.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.police.daoversight.allocation.CaseParties;
import uk.police.daoversight.allocation.SooRoster;
import uk.police.daoversight.audit.AccessAudit;
import uk.police.daoversight.security.ForbiddenException;
import uk.police.daoversight.security.Groups;
import uk.police.daoversight.vault.CaseIdentity;
import uk.police.daoversight.vault.IdentityVault;

/**
 * The one conflict-of-interest rule. A user may not reach a case by any route (identity page, update
 * form, break glass, a panel meeting, PSD's standing access, the engine's own API, allocation as its
 * SOO) when they are
 * <ol>
 *   <li>the perpetrator (the same staff number, in the force's directory or on the SOO roster);</li>
 *   <li>in the perpetrator's department (directory or roster);</li>
 *   <li>in the perpetrator's line of command (his line manager, theirs, and so on, from the directory);</li>
 *   <li>in PSD when the perpetrator works in PSD: PSD's standing access does not reach that case, and
 *       its update comes through a coordinator.</li>
 * </ol>
 * A user missing from the directory and the roster is not thereby conflicted (nothing is known
 * against them); a blank staff number or department never matches. Departments match exactly (case
 * and surrounding spaces aside): "Response North" is not "Response North West".
 *
 * <p>Every refusal is audited as REFUSED with the reason (never a party's identity) and alerted to
 * information governance, in one transaction.
 */
@Service
public class ConflictOfInterest {

  /** Why a user is conflicted: the alert's kind and the audit's words. */
  public record Conflict(AccessAlerts.Kind kind, String reason) {}

  /** What is known about a user, from the directory and the roster together. */
  public record Profile(String userId, Set<String> staffNumbers, Set<String> departments, boolean inPsd) {
    public Profile {
      staffNumbers = normalise(staffNumbers);
      departments = normalise(departments);
    }

    /** Nobody can be conflicted who has no staff number, no department and no PSD membership, and manages nobody. */
    public boolean knowsNothing() {
      return staffNumbers.isEmpty() && departments.isEmpty() && !inPsd;
    }
  }

  /** What is known about the perpetrator of a case. */
  public record Perpetrator(String staffNumber, String department, Collection<String> lineOfCommand) {}

  public static final Conflict SELF = new Conflict(AccessAlerts.Kind.PERPETRATOR_SELF,
      "conflict of interest: the user is the perpetrator");
  public static final Conflict DEPARTMENT = new Conflict(AccessAlerts.Kind.PERPETRATOR_DEPARTMENT,
      "conflict of interest: the user works in the perpetrator's department");
  public static final Conflict LINE = new Conflict(AccessAlerts.Kind.LINE_OF_COMMAND,
      "conflict of interest: the user is in the perpetrator's line of command");
  public static final Conflict PSD_CASE = new Conflict(AccessAlerts.Kind.PERPETRATOR_DEPARTMENT,
      "conflict of interest: the perpetrator works in PSD, so PSD's access does not reach this case");

  /** The rule itself: plain, with no store behind it. The first that applies is the answer. */
  public static Optional<Conflict> decide(Profile user, Perpetrator perpetrator, String psdDepartment) {
    if (user == null || perpetrator == null) {
      return Optional.empty();
    }
    String number = key(perpetrator.staffNumber());
    if (number != null && user.staffNumbers().contains(number)) {
      return Optional.of(SELF);
    }
    String department = key(perpetrator.department());
    if (department != null && user.departments().contains(department)) {
      return Optional.of(DEPARTMENT);
    }
    if (user.userId() != null && perpetrator.lineOfCommand() != null
        && perpetrator.lineOfCommand().stream().anyMatch(user.userId()::equals)) {
      return Optional.of(LINE);
    }
    if (user.inPsd() && department != null && department.equals(key(psdDepartment))) {
      return Optional.of(PSD_CASE);
    }
    return Optional.empty();
  }

  private final IdentityVault vault;
  private final StaffDirectory directory;
  private final SooRoster roster;
  private final AccessAudit audit;
  private final AccessAlerts alerts;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final String psdDepartment;

  public ConflictOfInterest(IdentityVault vault, StaffDirectory directory, SooRoster roster, AccessAudit audit,
                            AccessAlerts alerts, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                            @Value("${oversight.psd-department:Professional Standards}") String psdDepartment) {
    this.vault = vault;
    this.directory = directory;
    this.roster = roster;
    this.audit = audit;
    this.alerts = alerts;
    this.jdbc = jdbc;
    // A refusal's record must outlive whatever the refused caller rolls back.
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.psdDepartment = psdDepartment;
  }

  /** The user as the directory and the roster know them. */
  public Profile profile(String userId, Collection<String> groups) {
    Set<String> numbers = new HashSet<>();
    Set<String> departments = new HashSet<>();
    if (userId != null) {
      directory.find(userId).ifPresent(s -> {
        numbers.add(s.staffNumber());
        departments.add(s.department());
      });
      roster.find(userId).ifPresent(s -> {
        numbers.add(s.staffNumber());
        departments.add(s.department());
      });
    }
    return new Profile(userId, numbers, departments, groups != null && groups.contains(Groups.PSD));
  }

  /** Whether the user manages anyone in the directory: only then can they be in a line of command. */
  public boolean managesAnyone(String userId) {
    Integer n = userId == null ? 0
        : jdbc.queryForObject("select count(*) from staff_directory where line_manager = ?", Integer.class, userId);
    return n != null && n > 0;
  }

  /** The perpetrator of a case, with his line of command; empty for an unknown case. */
  public Optional<Perpetrator> perpetrator(String caseCode) {
    return perpetrator(caseCode, true);
  }

  /** The perpetrator; his line of command only when asked (it costs a walk up the directory). */
  private Optional<Perpetrator> perpetrator(String caseCode, boolean withLine) {
    Optional<IdentityVault.PerpetratorPost> post = caseCode == null ? Optional.empty() : vault.perpetratorPost(caseCode);
    return post.map(c -> withLine ? perpetrator(c.staffNumber(), c.department())
        : new Perpetrator(c.staffNumber(), c.department(), List.of()));
  }

  private Perpetrator perpetrator(String staffNumber, String department) {
    Set<String> line = new LinkedHashSet<>();
    for (String userId : perpetratorUserIds(staffNumber)) {
      line.addAll(directory.lineOfCommand(userId));
    }
    return new Perpetrator(staffNumber, department, List.copyOf(line));
  }

  /** The perpetrator's user id(s): from the directory, and from the roster when he is a SOO. */
  private List<String> perpetratorUserIds(String staffNumber) {
    List<String> ids = new ArrayList<>();
    if (key(staffNumber) == null) {
      return ids;
    }
    directory.byStaffNumber(staffNumber).ifPresent(s -> ids.add(s.userId()));
    for (String soo : jdbc.queryForList("select user_id from soo_roster where upper(trim(staff_number)) = ?", String.class,
        key(staffNumber))) {
      if (!ids.contains(soo)) {
        ids.add(soo);
      }
    }
    return ids;
  }

  public Optional<Conflict> check(String userId, Collection<String> groups, String caseCode) {
    if (userId == null || caseCode == null) {
      return Optional.empty();
    }
    return perpetrator(caseCode).flatMap(p -> decide(profile(userId, groups), p, psdDepartment));
  }

  /**
   * The rule for a user already looked up, as the engine guard asks it for each case in an answer.
   * Someone who manages nobody cannot be in a line of command, so that walk is skipped for them.
   */
  public Optional<Conflict> check(Profile user, boolean managesAnyone, String caseCode) {
    return perpetrator(caseCode, managesAnyone).flatMap(p -> decide(user, p, psdDepartment));
  }

  /** Conflict facts for allocation: the vault's, with the perpetrator's line of command. */
  public CaseParties partiesForAllocation(String caseCode) {
    CaseParties facts = vault.conflictFacts(caseCode);
    Perpetrator p = perpetrator(facts.perpetratorStaffNumber(), facts.perpetratorDepartment());
    // Declared on the case (at referral, or by a SOO on the case pack) or standing on a SOO's roster entry.
    Set<String> known = new LinkedHashSet<>(facts.knownTo() == null ? Set.of() : facts.knownTo());
    known.addAll(roster.soosKnowingAPartyOf(caseCode));
    Perpetrator victim = perpetrator(facts.victimStaffNumber(), facts.victimDepartment());
    return new CaseParties(facts.victimStaffNumber(), facts.perpetratorStaffNumber(), facts.perpetratorDepartment(),
        Set.copyOf(known), Set.copyOf(p.lineOfCommand()), facts.victimDepartment(), Set.copyOf(victim.lineOfCommand()));
  }

  /**
   * The rule for the SOO of the other party of a counter-allegation (#19 item 6): that party alleges
   * abuse by the victim, so the SOO is checked against the victim as the perpetrator rule checks the
   * perpetrator (the victim themself, their department, their line of command), from the directory
   * and the roster; and against the perpetrator as every user is.
   */
  public Optional<Conflict> checkForOtherParty(String userId, String caseCode) {
    if (userId == null || caseCode == null) {
      return Optional.empty();
    }
    Optional<CaseIdentity> identity = vault.find(caseCode);
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    Profile user = profile(userId, List.of());
    Perpetrator victim = perpetrator(identity.get().victim().staffNumber(), identity.get().victim().department());
    return decide(user, victim, null).or(() -> check(userId, List.of(), caseCode));
  }

  /**
   * Records a refusal for a conflict: the REFUSED audit row with the reason and the alert, together
   * or not at all.
   */
  public void recordRefusal(String userId, String caseCode, String action, Conflict conflict) {
    transaction.executeWithoutResult(status -> {
      audit.record(userId, caseCode, action, AccessAudit.Outcome.REFUSED, conflict.reason());
      alerts.raise(conflict.kind(), userId, caseCode, userId + " was refused case " + caseCode + " (" + action + "): "
          + conflict.reason());
    });
  }

  /** Refuses the action (audited, alerted, 403) when the user is conflicted on the case. */
  public void refuseIfConflicted(String userId, Collection<String> groups, String caseCode, String action) {
    Optional<Conflict> conflict = check(userId, groups, caseCode);
    if (conflict.isPresent()) {
      recordRefusal(userId, caseCode, action, conflict.get());
      throw new ForbiddenException("You may not reach this case: " + conflict.get().reason());
    }
  }

  public String psdDepartment() {
    return psdDepartment;
  }

  private static Set<String> normalise(Set<String> values) {
    Set<String> out = new HashSet<>();
    if (values != null) {
      values.stream().map(ConflictOfInterest::key).filter(java.util.Objects::nonNull).forEach(out::add);
    }
    return Set.copyOf(out);
  }

  private static String key(String value) {
    return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
  }
}
