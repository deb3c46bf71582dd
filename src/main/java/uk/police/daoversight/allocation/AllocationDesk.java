package uk.police.daoversight.allocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Service;
import uk.police.daoversight.access.ConflictOfInterest;
import uk.police.daoversight.security.CaseAccess;
import uk.police.daoversight.process.EngineText;
import uk.police.daoversight.vault.CaseHistory;
import uk.police.daoversight.vault.IdentityVault;

/**
 * The coordinators' allocation desk: previous cases, the recommendation and the allocation itself,
 * joining the vault, the roster and {@link AllocationService}. Only case codes and user ids leave it.
 */
@Service
public class AllocationDesk {

  public static final String VICTIM = "VICTIM";
  public static final String OTHER_PARTY = "OTHER_PARTY";

  private final IdentityVault vault;
  private final ConflictOfInterest conflicts;
  private final uk.police.daoversight.audit.AccessAudit audit;
  private final SooRoster roster;
  private final AllocationService allocation;
  private final CaseAccess access;
  private final Clock clock;
  private final Duration contactDeadline;
  private final int loadLimit;
  private final SooNames names;

  public AllocationDesk(IdentityVault vault, ConflictOfInterest conflicts, SooRoster roster, AllocationService allocation, CaseAccess access,
                        Clock clock, @Value("${oversight.contact-deadline:PT72H}") Duration contactDeadline,
                        uk.police.daoversight.audit.AccessAudit audit,
                        @Value("${oversight.allocation.load-limit:3}") int loadLimit, SooNames names) {
    this.names = names;
    this.audit = audit;
    this.loadLimit = loadLimit;
    this.vault = vault;
    this.conflicts = conflicts;
    this.roster = roster;
    this.allocation = allocation;
    this.access = access;
    this.clock = clock;
    this.contactDeadline = contactDeadline;
  }

  /** How much of the earlier cases the "Review history" form shows, newest first, before it counts the rest. */
  public static final int PREVIOUS_SHOWN_CHARS = 1_500;
  /** How many case codes a serial finding names before it counts the rest. */
  public static final int FINDING_SHOWN_CHARS = 600;

  /**
   * Earlier cases of the same people (newest first, bounded for the engine: the full list is paged
   * from the vault by {@link #historyPage}), the victim's SOO on the most recent of them, and the
   * serial facts the complex-case decision needs.
   */
  public History history(String caseCode) {
    CaseHistory.Findings findings = vault.history(caseCode);
    List<CaseHistory.EarlierCase> earlier = findings.newestFirst();
    String latestVictimCase = earlier.stream().filter(CaseHistory.EarlierCase::sameVictim)
        .map(CaseHistory.EarlierCase::caseCode).findFirst().orElse(null);
    String previousSoo = latestVictimCase == null ? null : roster.victimSooOf(latestVictimCase).orElse(null);
    String described = earlier.isEmpty() ? null
        : earlier.size() + (earlier.size() == 1 ? " earlier case" : " earlier cases") + ", newest first: "
            + EngineText.joinWithin(earlier.stream().map(CaseHistory.EarlierCase::describe).toList(), "; ",
                PREVIOUS_SHOWN_CHARS, n -> "and " + n + " older (open the case's full history)");
    return new History(described, previousSoo, latestVictimCase, earlier.size(), findings.serial(), finding(findings.serial()));
  }

  /**
   * The reason the coordinator sees at "Review history" for a serial finding; null when there is none.
   * Case codes and counts only.
   */
  static String finding(CaseHistory.Serial serial) {
    List<String> parts = new ArrayList<>();
    if (serial.serialPerpetrator()) {
      parts.add("Serial perpetrator: the perpetrator is the perpetrator in " + cases(serial.perpetratorCases())
          + " with " + people(serial.otherVictims(), "other victim") + ": "
          + EngineText.joinWithin(serial.perpetratorCases(), ", ", FINDING_SHOWN_CHARS, n -> "and " + n + " more"));
    }
    if (serial.serialVictim()) {
      parts.add("Serial victim: the victim is the victim in " + cases(serial.victimCases())
          + " with " + people(serial.otherPerpetrators(), "other perpetrator") + ": "
          + EngineText.joinWithin(serial.victimCases(), ", ", FINDING_SHOWN_CHARS, n -> "and " + n + " more"));
    }
    return parts.isEmpty() ? null : String.join(". ", parts) + ".";
  }

  private static String cases(List<String> codes) {
    return codes.size() == 1 ? "1 earlier case" : codes.size() + " earlier cases";
  }

  private static String people(int n, String noun) {
    return n == 1 ? "1 " + noun : n + " " + noun + "s";
  }

  /**
   * @param previousCases the earlier cases for the form, bounded, or null when there are none
   * @param serialFinding the reason for the serial finding, or null
   */
  public record History(String previousCases, String previousSoo, String latestVictimCase, int earlierCases,
                        CaseHistory.Serial serial, String serialFinding) {
    public boolean isSerial() {
      return serial.serialPerpetrator() || serial.serialVictim();
    }
  }

  /** One page of a case's earlier cases, newest first. */
  public record HistoryPage(String caseCode, int page, int size, int total, List<CaseHistory.EarlierCase> cases) {}

  /** How much of the likely matches the "Review history" form shows before it counts the rest. */
  public static final int POSSIBLE_SHOWN_CHARS = 1_200;

  /**
   * The likely matches offered at "Review history" (#19 item 5), best first, bounded for the engine:
   * "ABCD-EFGH: likely same perpetrator (score 94); ..." or null when there are none. Case codes,
   * labels and scores only.
   */
  public String possibleMatches(String caseCode) {
    List<CaseHistory.PossibleMatch> found = vault.likelyMatches(caseCode);
    return found.isEmpty() ? null : EngineText.joinWithin(found.stream().map(CaseHistory.PossibleMatch::describe).toList(), "; ",
        POSSIBLE_SHOWN_CHARS, n -> "and " + n + " less likely");
  }

  /**
   * The coordinator confirms likely matches by case code at "Review history": each must be one
   * offered now; each of its labels then counts as the same person (audited as a combination), and
   * the history is decided again with them. Codes not confirmed are rejected: they never count.
   *
   * @throws AllocationRefusedException naming a code that was not offered
   */
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public History confirmMatches(String caseCode, List<String> codes, String by) {
    List<CaseHistory.PossibleMatch> offered = vault.likelyMatches(caseCode);
    for (String code : codes) {
      if (offered.stream().noneMatch(m -> m.caseCode().equals(code))) {
        throw new AllocationRefusedException(code + " is not one of the possible matches offered for this case");
      }
    }
    Instant now = clock.instant();
    for (CaseHistory.PossibleMatch match : offered) {
      if (codes.contains(match.caseCode())) {
        vault.confirm(caseCode, match, by, now);
        audit.record(by, caseCode, uk.police.daoversight.audit.AccessAudit.COMBINATION,
            uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED, "confirmed " + match.describe());
      }
    }
    return history(caseCode);
  }

  /** Page {@code page} (from 0) of {@code size} of the case's earlier cases, newest first. */
  public HistoryPage historyPage(String caseCode, int page, int size) {
    List<CaseHistory.EarlierCase> all = vault.history(caseCode).newestFirst();
    int from = (int) Math.min((long) page * size, all.size());
    int to = (int) Math.min((long) from + size, all.size());
    return new HistoryPage(caseCode, page, size, all.size(), all.subList(from, to));
  }

  /** Links a re-referral to the victim's latest earlier case. */
  public void linkToPrevious(String caseCode) {
    History h = history(caseCode);
    if (h.latestVictimCase() != null) {
      vault.link(caseCode, h.latestVictimCase());
      // DPA 2018 s.62: combination, the two cases' records now read together.
      audit.record(null, caseCode, uk.police.daoversight.audit.AccessAudit.COMBINATION,
          uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED, "linked to earlier case " + h.latestVictimCase());
    }
  }

  public Recommendation recommend(String caseCode, String previousSoo, boolean dualSoo) {
    return allocation.recommend(conflicts.partiesForAllocation(caseCode), roster.all(), roster.openCaseCounts(),
        previousSoo, dualSoo ? 2 : 1, loadLimit);
  }

  /**
   * Each eligible SOO as the coordinator needs to see them, fairest first:
   * "soo2: Jane Smith, Chief Inspector, Operations; 1 open case; last allocated 2026-05-01".
   */
  public List<String> describe(List<String> eligible) {
    Map<String, SooProfile> byId = new java.util.HashMap<>();
    roster.all().forEach(p -> byId.put(p.userId(), p));
    Map<String, Integer> open = roster.openCaseCounts();
    Map<String, String> known = names.of(eligible);
    List<String> lines = new ArrayList<>();
    for (String id : eligible) {
      SooProfile p = byId.get(id);
      int n = open.getOrDefault(id, 0);
      lines.add(id + ": " + known.getOrDefault(id, "not a known user") + ", " + (p == null ? "" : p.rank() + ", " + p.department())
          + "; " + n + (n == 1 ? " open case" : " open cases") + (n >= loadLimit ? " (at the load limit of " + loadLimit + ")" : "")
          + "; " + (p == null || p.lastAllocatedAt() == null ? "never allocated"
              : "last allocated " + p.lastAllocatedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    }
    return lines;
  }

  /** The force's load limit: open cases at which a SOO is recommended only when nobody else is eligible. */
  public int loadLimit() {
    return loadLimit;
  }

  /**
   * What was allocated: the due date of first contact, the SOOs (the fairest at the moment of
   * allocation when the coordinator accepted the recommendation), and a note when the fairest had
   * changed since the form showed it (null otherwise).
   */
  public record Allocation(Instant contactDue, List<String> soos, String note) {}

  /**
   * Allocates the chosen SOO(s) after checking each is eligible, grants them access to the case and
   * returns the contact deadline (72 hours from now). The roster rows, the engine grants and their
   * audit rows are one transaction (joining the engine's when called from a task).
   *
   * @throws AllocationRefusedException with the reason, when a choice is not eligible
   */
  // A refusal comes before any write and becomes a BPMN error in the caller's transaction: no rollback mark.
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public Allocation allocate(String caseCode, String processInstanceId, List<String> chosen, String recommended,
                             String previousSoo, String reason, String allocatedBy) {
    if (chosen.isEmpty() || chosen.get(0) == null || chosen.get(0).isBlank()) {
      throw new AllocationRefusedException("Choose a SOO");
    }
    // Decided now, one allocation at a time, against the allocations already recorded.
    roster.lockForAllocation();
    var parties = conflicts.partiesForAllocation(caseCode);
    var all = roster.all();
    List<String> soos = chosen;
    String note = null;
    boolean accepted = recommended != null && recommended.equals(String.join(",", chosen));
    if (accepted) {
      Recommendation fresh = allocation.recommend(parties, all, roster.openCaseCounts(), previousSoo, chosen.size(), loadLimit);
      if (fresh.found() && !fresh.recommended().equals(chosen)) {
        soos = fresh.recommended();
        note = "Allocated " + String.join(" and ", soos) + ", the fairest at the moment of allocation: the recommendation "
            + String.join(" and ", chosen) + " changed while the form was open (another case was allocated meanwhile). "
            + fresh.explanation();
      }
    }
    if (soos.size() == 2 && soos.get(0).equals(soos.get(1))) {
      throw new AllocationRefusedException("A counter-allegation case needs two different SOOs, one for each party");
    }
    for (int i = 0; i < soos.size(); i++) {
      String soo = soos.get(i);
      String party = i == 0 ? VICTIM : OTHER_PARTY;
      Optional<String> why = allocation.ineligibility(soo, parties, all, party);
      if (why.isPresent()) {
        throw new AllocationRefusedException(soo + " cannot be allocated" + (i == 0 ? "" : " for the other party") + ": "
            + why.get());
      }
      refuseIfConflicted(soo, caseCode, party);
    }
    boolean overridden = recommended != null && !accepted;
    if (overridden && (reason == null || reason.isBlank())) {
      throw new AllocationRefusedException("Give a reason for choosing other than the recommendation");
    }
    Instant now = clock.instant();
    for (int i = 0; i < soos.size(); i++) {
      roster.allocate(caseCode, soos.get(i), i == 0 ? VICTIM : OTHER_PARTY, allocatedBy, overridden ? reason : null, now);
      access.grant(caseCode, processInstanceId, soos.get(i), allocatedBy);
    }
    return new Allocation(now.plus(contactDeadline), List.copyOf(soos), note);
  }

  /**
   * Reallocation (a SOO promoted, or a new SOO would serve the victim better): the new SOO must be
   * eligible; the old SOO's allocation and access end; the new SOO is allocated and given access.
   * Returns the party the SOO oversees. Moving the case's open tasks is the caller's part.
   */
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public String reallocate(String caseCode, String processInstanceId, String from, String to, String reason, String by) {
    if (reason == null || reason.isBlank()) {
      throw new AllocationRefusedException("Give the reason for the reallocation");
    }
    if (!roster.isActiveSoo(caseCode, from)) {
      throw new AllocationRefusedException(from + " is not allocated to this case");
    }
    if (roster.isActiveSoo(caseCode, to)) {
      throw new AllocationRefusedException(to + " is already allocated to this case");
    }
    String fromParty = roster.activePartyOf(caseCode, from).orElse(VICTIM);
    allocation.ineligibility(to, conflicts.partiesForAllocation(caseCode), roster.all(), fromParty).ifPresent(why -> {
      throw new AllocationRefusedException(to + " cannot be allocated: " + why);
    });
    refuseIfConflicted(to, caseCode, fromParty);
    roster.lockForAllocation();
    Instant now = clock.instant();
    String party = roster.releaseOne(caseCode, from, now).orElse(VICTIM);
    access.revoke(caseCode, processInstanceId, from, "reallocated to " + to + ": " + reason);
    roster.allocate(caseCode, to, party, by, reason, now);
    access.grant(caseCode, processInstanceId, to, by);
    return party;
  }

  // ---- withdrawal and reallocation of one party's SOO (#19 items 2 and 3)

  /** Why a SOO is taken off a case, in the application's words (shown to coordinators and managers). */
  public static final String CONFLICT_DECLARED = "the SOO declared a conflict of interest on the case pack";

  /** The reasons a SOO may give on the case pack, by the form's value: generic, never who knows whom. */
  public static final Map<String, String> CONFLICT_REASONS = Map.of(
      "knowsVictim", "knows the victim",
      "knowsPerpetrator", "knows the perpetrator",
      "worksWithAParty", "works with a party",
      "otherConflict", "another conflict of interest");

  /**
   * Takes a SOO off a case: their allocation and their access end at once (audited by the revocation),
   * and the party they oversaw waits for the coordinators to choose another SOO. Returns the
   * withdrawal's id.
   *
   * @throws AllocationRefusedException when the SOO is not allocated to the case
   */
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public String withdraw(String caseCode, String processInstanceId, String soo, String reason) {
    if (!roster.isActiveSoo(caseCode, soo)) {
      throw new AllocationRefusedException(soo + " is not allocated to this case");
    }
    Instant now = clock.instant();
    String party = roster.releaseOne(caseCode, soo, now).orElse(VICTIM);
    access.revoke(caseCode, processInstanceId, soo, "withdrawn: " + reason);
    return roster.recordWithdrawal(caseCode, soo, party, reason, now);
  }

  /**
   * A SOO declares a conflict on the case pack: the conflict is kept with the case's sealed
   * identities (so they are never recommended or allocated for it again), audited with the reason's
   * words only, and the SOO is withdrawn. Returns the withdrawal's id.
   */
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public String declareConflict(String caseCode, String processInstanceId, String soo, String reasonKey) {
    String reason = CONFLICT_REASONS.getOrDefault(reasonKey, CONFLICT_REASONS.get("otherConflict"));
    String withdrawal = withdraw(caseCode, processInstanceId, soo, CONFLICT_DECLARED + " (" + reason + ")");
    vault.addKnownTo(caseCode, soo);
    audit.record(soo, caseCode, "DECLARE_CONFLICT", uk.police.daoversight.audit.AccessAudit.Outcome.ALLOWED,
        "declared a conflict of interest: " + reason + "; case back to allocation");
    return withdrawal;
  }

  /** A withdrawal claimed for the "Reallocate the case" instance {@code claimant} (see {@link SooRoster#claimWithdrawal}). */
  public Optional<SooRoster.Withdrawal> claimWithdrawal(String caseCode, String claimant) {
    return roster.claimWithdrawal(caseCode, claimant);
  }

  /** The fairest SOO to take over a withdrawn SOO's party: never one already on the case. */
  public Recommendation recommendReplacement(String caseCode) {
    return recommendReplacement(caseCode, VICTIM);
  }

  /** The fairest SOO to take over {@code party}: for the other party, never one conflicted with the victim. */
  public Recommendation recommendReplacement(String caseCode, String party) {
    List<String> onCase = roster.activeSoos(caseCode);
    CaseParties parties = conflicts.partiesForAllocation(caseCode);
    List<SooProfile> candidates = roster.all().stream().filter(p -> !onCase.contains(p.userId()))
        .filter(p -> !OTHER_PARTY.equals(party) || !AllocationService.conflictedForOtherParty(p, parties)).toList();
    return allocation.recommend(parties, candidates, roster.openCaseCounts(), null, 1, loadLimit);
  }

  /** Who was replaced by whom, and the new first-contact deadline. */
  public record Replacement(String from, String to, String party, Instant contactDue) {}

  /**
   * Allocates the chosen SOO to the party a withdrawn SOO oversaw, after the same checks as any
   * allocation, and grants them access. A choice other than the recommendation needs a reason.
   *
   * @throws AllocationRefusedException with the reason, when the choice is not eligible
   */
  @Transactional(noRollbackFor = AllocationRefusedException.class)
  public Replacement replace(String caseCode, String processInstanceId, String withdrawalId, String to, String recommended,
                             String reason, String by) {
    SooRoster.Withdrawal w = roster.withdrawal(withdrawalId).filter(x -> x.caseCode().equals(caseCode))
        .orElseThrow(() -> new AllocationRefusedException("No SOO is waiting to be replaced on this case"));
    if (w.reallocatedTo() != null) {
      throw new AllocationRefusedException("This SOO was already replaced by " + w.reallocatedTo());
    }
    if (to == null || to.isBlank()) {
      throw new AllocationRefusedException("Choose a SOO");
    }
    roster.lockForAllocation();
    if (roster.isActiveSoo(caseCode, to)) {
      throw new AllocationRefusedException(to + " is already allocated to this case");
    }
    allocation.ineligibility(to, conflicts.partiesForAllocation(caseCode), roster.all(), w.party()).ifPresent(why -> {
      throw new AllocationRefusedException(to + " cannot be allocated: " + why);
    });
    refuseIfConflicted(to, caseCode, w.party());
    boolean overridden = recommended != null && !recommended.isBlank() && !recommended.equals(to);
    if (overridden && (reason == null || reason.isBlank())) {
      throw new AllocationRefusedException("Give a reason for choosing other than the recommendation");
    }
    Instant now = clock.instant();
    roster.allocate(caseCode, to, w.party(), by, overridden ? reason : null, now);
    access.grant(caseCode, processInstanceId, to, by);
    roster.markReallocated(withdrawalId, to, now);
    return new Replacement(w.userId(), to, w.party(), now.plus(contactDeadline));
  }

  /** The directory's view as well as the roster's: a SOO conflicted by either is never allocated. */
  private void refuseIfConflicted(String soo, String caseCode, String party) {
    (OTHER_PARTY.equals(party) ? conflicts.checkForOtherParty(soo, caseCode)
        : conflicts.check(soo, java.util.List.of(), caseCode)).ifPresent(c -> {
      throw new AllocationRefusedException(soo + " cannot be allocated: " + AllocationService.CONFLICT_WITH_PARTY);
    });
  }

  /** Closure or reallocation: the SOOs' access to the case ends. */
  @Transactional
  public void release(String caseCode, String processInstanceId, String reason) {
    for (String soo : roster.release(caseCode, clock.instant())) {
      access.revoke(caseCode, processInstanceId, soo, reason);
    }
  }

  public List<String> activeSoos(String caseCode) {
    return roster.activeSoos(caseCode);
  }
}
