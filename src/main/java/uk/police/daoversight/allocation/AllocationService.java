package uk.police.daoversight.allocation;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.police.daoversight.access.ConflictOfInterest;
import java.util.stream.Collectors;

/**
 * Recommends the senior oversight officer (SOO, a chief inspector) for a domestic abuse case
 * involving police staff: free of conflicts, and fair across the roster. Plain Java: no engine,
 * no database.
 *
 * <p><b>Who is excluded</b>, in this order (the first that applies is the reason given):
 * <ol>
 *   <li>anyone not available: {@value #UNAVAILABLE};</li>
 *   <li>anyone with an excluded role, e.g. chief inspectors in professional standards (PSD), who
 *       may not be SOOs: {@value #EXCLUDED_ROLE};</li>
 *   <li>anyone who declared they know a party: {@value #DECLARED_CONFLICT};</li>
 *   <li>a party themself (same staff number as the victim or perpetrator), anyone in the
 *       perpetrator's department or his line of command ({@link ConflictOfInterest}): {@value #CONFLICT_WITH_PARTY};</li>
 *   <li>anyone whose rank is not chief inspector: {@value #NOT_CHIEF_INSPECTOR}.</li>
 * </ol>
 * The reasons are deliberately generic: they are stored in a process variable that managers can
 * see, so they must never reveal a party's department, a staff number or who knows whom.
 *
 * <p><b>Fairness</b> among the eligible: the victim's SOO on an earlier case first (continuity for
 * the victim); then those never allocated; then the least recently allocated. Fewer open cases
 * breaks a tie, then user id, so the order is always the same for the same facts.
 */
public class AllocationService {

  public static final String UNAVAILABLE = "unavailable";
  public static final String EXCLUDED_ROLE = "excluded role";
  public static final String DECLARED_CONFLICT = "declared conflict of interest";
  public static final String CONFLICT_WITH_PARTY = "conflict with a party";
  public static final String NOT_CHIEF_INSPECTOR = "not a chief inspector";
  public static final String NOT_ON_ROSTER = "not on the SOO roster";

  private static final String CHIEF_INSPECTOR = "Chief Inspector";

  /**
   * Recommends SOOs for a case.
   *
   * @param parties        conflict facts from the identity vault (may be null)
   * @param roster         the SOO roster (null = empty)
   * @param openCaseCounts user id to open cases now (null or missing = 0)
   * @param previousSoo    the victim's SOO on an earlier case, or null
   * @param soosNeeded     1, or 2 for a counter-allegation case (a SOO for each party)
   * @throws IllegalArgumentException when soosNeeded is less than 1
   */
  public Recommendation recommend(CaseParties parties, List<SooProfile> roster, Map<String, Integer> openCaseCounts,
                                  String previousSoo, int soosNeeded) {
    return recommend(parties, roster, openCaseCounts, previousSoo, soosNeeded, Integer.MAX_VALUE);
  }

  /**
   * Recommends SOOs for a case under the force's load limit: a SOO with {@code loadLimit} or more
   * open cases is recommended only when not enough SOOs under the limit are eligible, and the
   * explanation says so. Under the limit the fairness order is unchanged.
   *
   * @param loadLimit open cases at which a SOO is full (the force's setting, default 3)
   * @throws IllegalArgumentException when soosNeeded or loadLimit is less than 1
   */
  public Recommendation recommend(CaseParties parties, List<SooProfile> roster, Map<String, Integer> openCaseCounts,
                                  String previousSoo, int soosNeeded, int loadLimit) {
    if (loadLimit < 1) {
      throw new IllegalArgumentException("loadLimit must be at least 1, was " + loadLimit);
    }
    if (soosNeeded < 1) {
      throw new IllegalArgumentException("soosNeeded must be at least 1, was " + soosNeeded);
    }
    List<SooProfile> all = onRoster(roster);
    Map<String, Integer> open = openCaseCounts == null ? Map.of() : openCaseCounts;

    Map<String, String> excluded = new LinkedHashMap<>();
    List<SooProfile> eligible = new ArrayList<>();
    for (SooProfile soo : all) {
      reason(soo, parties).ifPresentOrElse(why -> excluded.put(soo.userId(), why), () -> eligible.add(soo));
    }
    eligible.sort(Comparator
        .comparing((SooProfile s) -> !s.userId().equals(previousSoo))
        .thenComparing(SooProfile::lastAllocatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(s -> Objects.requireNonNullElse(open.get(s.userId()), 0))
        .thenComparing(SooProfile::userId));
    // Full SOOs keep their fair order among themselves, after everyone under the limit.
    List<SooProfile> full = eligible.stream().filter(s -> Objects.requireNonNullElse(open.get(s.userId()), 0) >= loadLimit).toList();
    List<SooProfile> ordered = new ArrayList<>(eligible);
    ordered.removeAll(full);
    ordered.addAll(full);

    List<SooProfile> chosen = soosNeeded == 2 ? forEachParty(ordered, parties)
        : ordered.subList(0, Math.min(soosNeeded, ordered.size()));
    String explanation = explain(chosen, ordered.size(), excluded, all.size(), previousSoo, soosNeeded);
    List<String> overLimit = new ArrayList<>();
    for (SooProfile soo : chosen) {
      if (full.contains(soo)) {
        overLimit.add(soo.userId() + " has " + open.get(soo.userId()) + " open cases, at or above the load limit of "
            + loadLimit + ": recommended only because no SOO under the limit is eligible.");
      }
    }
    if (!overLimit.isEmpty()) {
      explanation = explanation + " " + String.join(" ", overLimit);
    } else if (!full.isEmpty() && !chosen.isEmpty()) {
      explanation = explanation + " " + full.size() + " eligible at or above the load limit of " + loadLimit + " open cases.";
    }
    return new Recommendation(ids(chosen), ids(ordered), excluded, explanation, soosNeeded);
  }

  /**
   * A counter-allegation's two SOOs in fair order, the first for the victim, the second for the other
   * party: the other party's SOO must not be conflicted with the victim, whom that party alleges
   * against ({@link #conflictedForOtherParty}). Fewer than two when no such pair is eligible.
   */
  private static List<SooProfile> forEachParty(List<SooProfile> ordered, CaseParties parties) {
    if (ordered.size() < 2) {
      return List.copyOf(ordered);
    }
    // The fairest takes the victim and the next fairest who fits the other party takes them ...
    for (int other = 1; other < ordered.size(); other++) {
      if (!conflictedForOtherParty(ordered.get(other), parties)) {
        return List.of(ordered.get(0), ordered.get(other));
      }
    }
    // ... or, when only the fairest fits the other party, the next fairest takes the victim.
    if (!conflictedForOtherParty(ordered.get(0), parties)) {
      return List.of(ordered.get(1), ordered.get(0));
    }
    return List.of(ordered.get(0));
  }

  /**
   * In a counter-allegation the other party alleges abuse by the victim: their SOO is checked against
   * the victim as every SOO is against the perpetrator (the victim themself, the victim's department,
   * the victim's line of command).
   */
  static boolean conflictedForOtherParty(SooProfile soo, CaseParties parties) {
    if (parties == null) {
      return false;
    }
    var asProfile = new ConflictOfInterest.Profile(soo.userId(), java.util.Collections.singleton(soo.staffNumber()),
        java.util.Collections.singleton(soo.department()), false);
    var victim = new ConflictOfInterest.Perpetrator(parties.victimStaffNumber(), parties.victimDepartment(),
        parties.victimLineOfCommand() == null ? Set.of() : parties.victimLineOfCommand());
    return ConflictOfInterest.decide(asProfile, victim, null).isPresent();
  }

  /**
   * Why this user may not be allocated to this party ({@code AllocationDesk.VICTIM} or
   * {@code OTHER_PARTY}) of the case; empty when they are eligible. The other party's SOO is checked
   * against the victim as well (#19 item 6).
   */
  public Optional<String> ineligibility(String userId, CaseParties parties, List<SooProfile> roster, String party) {
    Optional<String> why = ineligibility(userId, parties, roster);
    if (why.isPresent() || !AllocationDesk.OTHER_PARTY.equals(party)) {
      return why;
    }
    return onRoster(roster).stream().filter(s -> s.userId().equals(userId)).findFirst()
        .filter(s -> conflictedForOtherParty(s, parties)).map(s -> CONFLICT_WITH_PARTY);
  }

  /**
   * Why this user may not be allocated to this case; empty when they are eligible. Used to check a
   * coordinator's manual choice.
   */
  public Optional<String> ineligibility(String userId, CaseParties parties, List<SooProfile> roster) {
    return onRoster(roster).stream()
        .filter(s -> s.userId().equals(userId))
        .findFirst()
        .map(s -> reason(s, parties))
        .orElse(Optional.of(NOT_ON_ROSTER));
  }

  private static Optional<String> reason(SooProfile soo, CaseParties parties) {
    CaseParties p = parties == null ? new CaseParties(null, null, null, null) : parties;
    Set<String> knownTo = p.knownTo() == null ? Set.of() : p.knownTo();
    if (!soo.available()) {
      return Optional.of(UNAVAILABLE);
    }
    if (!blank(soo.excludedRole())) {
      return Optional.of(EXCLUDED_ROLE);
    }
    if (knownTo.contains(soo.userId())) {
      return Optional.of(DECLARED_CONFLICT);
    }
    // The perpetrator, his department and his line of command: the same rule as every other route to the case.
    var asProfile = new ConflictOfInterest.Profile(soo.userId(), java.util.Collections.singleton(soo.staffNumber()),
        java.util.Collections.singleton(soo.department()), false);
    var perpetrator = new ConflictOfInterest.Perpetrator(p.perpetratorStaffNumber(), p.perpetratorDepartment(),
        p.perpetratorLineOfCommand() == null ? Set.of() : p.perpetratorLineOfCommand());
    if (same(soo.staffNumber(), p.victimStaffNumber())
        || ConflictOfInterest.decide(asProfile, perpetrator, null).isPresent()) {
      return Optional.of(CONFLICT_WITH_PARTY);
    }
    if (soo.rank() == null || !CHIEF_INSPECTOR.equalsIgnoreCase(soo.rank().trim())) {
      return Optional.of(NOT_CHIEF_INSPECTOR);
    }
    return Optional.empty();
  }

  private static String explain(List<SooProfile> chosen, int eligibleCount, Map<String, String> excluded,
                                int rosterSize, String previousSoo, int needed) {
    List<String> sentences = new ArrayList<>();
    String reasons = excluded.values().stream().distinct().sorted().collect(Collectors.joining(", "));
    if (eligibleCount == 0) {
      sentences.add(rosterSize == 0 ? "No eligible SOO: the SOO roster is empty."
          : "No eligible SOO: " + rosterSize + " on the roster, all excluded (" + reasons + ").");
      return String.join(" ", sentences);
    }
    if (chosen.size() < needed) {
      sentences.add(eligibleCount == 1 && needed == 2
          ? "Only one eligible SOO; a counter-allegation case needs two."
          : "Only " + eligibleCount + " eligible SOOs; " + needed + " are needed.");
    }
    if (chosen.size() == 1) {
      sentences.add("Recommended " + chosen.get(0).userId() + ": " + why(chosen.get(0), previousSoo) + ".");
    } else {
      sentences.add("Recommended " + names(ids(chosen)) + (needed == 2 ? " (one for each party)." : "."));
      chosen.forEach(s -> sentences.add(s.userId() + ": " + why(s, previousSoo) + "."));
    }
    if (previousSoo != null && chosen.stream().noneMatch(s -> s.userId().equals(previousSoo))) {
      sentences.add("The victim's SOO on an earlier case (" + previousSoo + ") is not eligible now.");
    }
    if (!excluded.isEmpty()) {
      sentences.add(excluded.size() + " excluded (" + reasons + ").");
    }
    return String.join(" ", sentences);
  }

  private static String why(SooProfile soo, String previousSoo) {
    if (soo.userId().equals(previousSoo)) {
      return "the victim's SOO on an earlier case";
    }
    if (soo.lastAllocatedAt() == null) {
      return "never allocated before";
    }
    return "least recently allocated (" + soo.lastAllocatedAt().atZone(ZoneOffset.UTC).toLocalDate() + ")";
  }

  /** The roster without null entries or entries lacking a user id. */
  private static List<SooProfile> onRoster(List<SooProfile> roster) {
    return roster == null ? List.of()
        : roster.stream().filter(s -> s != null && s.userId() != null).toList();
  }

  private static List<String> ids(List<SooProfile> soos) {
    return soos.stream().map(SooProfile::userId).toList();
  }

  private static String names(List<String> ids) {
    return ids.size() == 1 ? ids.get(0)
        : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
  }

  private static boolean same(String a, String b) {
    return !blank(a) && !blank(b) && a.trim().equalsIgnoreCase(b.trim());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
