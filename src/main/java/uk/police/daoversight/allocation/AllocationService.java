package uk.police.daoversight.allocation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recommends the senior oversight officer (a chief inspector) for a case: fairly, and free of
 * conflicts. Plain Java, no engine, no database.
 *
 * <p>Who is excluded: the unavailable; excluded roles (e.g. chief inspectors within PSD); anyone
 * who declared they know a party well; a party themself; anyone in the perpetrator's department;
 * anyone not a chief inspector. The reasons are deliberately generic: they are shown to managers,
 * and must not reveal a party's department or who knows whom.
 *
 * <p>Fairness: the victim's SOO on an earlier case first (continuity for the victim), then those
 * never allocated, then the least recently allocated; fewest open cases breaks a tie, then user id.
 */
public class AllocationService {

  public static final String UNAVAILABLE = "unavailable";
  public static final String EXCLUDED_ROLE = "excluded role";
  public static final String DECLARED_CONFLICT = "declared conflict of interest";
  public static final String CONFLICT_WITH_PARTY = "conflict with a party";
  public static final String NOT_CHIEF_INSPECTOR = "not a chief inspector";
  public static final String NOT_ON_ROSTER = "not on the SOO roster";

  static final String CHIEF_INSPECTOR = "chief inspector";

  public Recommendation recommend(CaseParties parties, List<SooProfile> roster, Map<String, Integer> openCaseCounts,
                                  String previousSoo, int soosNeeded) {
    if (soosNeeded < 1) {
      throw new IllegalArgumentException("At least one SOO is needed");
    }
    List<SooProfile> all = roster == null ? List.of() : roster;
    Map<String, Integer> open = openCaseCounts == null ? Map.of() : openCaseCounts;
    Map<String, String> excluded = new LinkedHashMap<>();
    List<SooProfile> eligible = new ArrayList<>();
    for (SooProfile soo : all) {
      Optional<String> why = reason(soo, parties);
      if (why.isPresent()) {
        excluded.put(soo.userId(), why.get());
      } else {
        eligible.add(soo);
      }
    }
    Comparator<SooProfile> fairness = Comparator
        .comparing((SooProfile s) -> !s.userId().equals(previousSoo))
        .thenComparing(SooProfile::lastAllocatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(s -> open.getOrDefault(s.userId(), 0))
        .thenComparing(SooProfile::userId);
    eligible.sort(fairness);
    List<String> order = eligible.stream().map(SooProfile::userId).toList();
    List<String> recommended = order.subList(0, Math.min(soosNeeded, order.size()));
    return new Recommendation(List.copyOf(recommended), order, excluded,
        explain(eligible, recommended, excluded, all.size(), previousSoo, soosNeeded), soosNeeded);
  }

  /** Why this user may not be allocated to this case; empty when eligible. */
  public Optional<String> ineligibility(String userId, CaseParties parties, List<SooProfile> roster) {
    return (roster == null ? List.<SooProfile>of() : roster).stream()
        .filter(s -> s.userId().equals(userId)).findFirst()
        .map(s -> reason(s, parties))
        .orElse(Optional.of(NOT_ON_ROSTER));
  }

  private static Optional<String> reason(SooProfile soo, CaseParties parties) {
    if (!soo.available()) {
      return Optional.of(UNAVAILABLE);
    }
    if (soo.excludedRole() != null && !soo.excludedRole().isBlank()) {
      return Optional.of(EXCLUDED_ROLE);
    }
    Set<String> knownTo = parties == null || parties.knownTo() == null ? Set.of() : parties.knownTo();
    if (knownTo.contains(soo.userId())) {
      return Optional.of(DECLARED_CONFLICT);
    }
    if (parties != null && (same(soo.staffNumber(), parties.victimStaffNumber())
        || same(soo.staffNumber(), parties.perpetratorStaffNumber())
        || same(soo.department(), parties.perpetratorDepartment()))) {
      return Optional.of(CONFLICT_WITH_PARTY);
    }
    if (soo.rank() == null || !CHIEF_INSPECTOR.equals(soo.rank().trim().toLowerCase(Locale.ROOT))) {
      return Optional.of(NOT_CHIEF_INSPECTOR);
    }
    return Optional.empty();
  }

  private static boolean same(String a, String b) {
    return a != null && b != null && !a.isBlank() && a.trim().equalsIgnoreCase(b.trim());
  }

  private static String explain(List<SooProfile> eligible, List<String> recommended, Map<String, String> excluded,
                                int rosterSize, String previousSoo, int needed) {
    StringBuilder text = new StringBuilder();
    if (recommended.size() < needed) {
      if (eligible.isEmpty()) {
        text.append("No eligible SOO: ").append(rosterSize).append(" on the roster, all excluded.");
      } else {
        text.append("Only one eligible SOO (").append(recommended.get(0))
            .append("); a counter-allegation case needs two.");
      }
    } else if (needed == 2) {
      text.append("Recommended ").append(recommended.get(0)).append(" and ").append(recommended.get(1))
          .append(" (one for each party).");
    } else {
      SooProfile first = eligible.get(0);
      text.append("Recommended ").append(first.userId()).append(": ");
      if (first.userId().equals(previousSoo)) {
        text.append("the victim's SOO on an earlier case.");
      } else if (first.lastAllocatedAt() == null) {
        text.append("never allocated before.");
      } else {
        text.append("least recently allocated (").append(date(first.lastAllocatedAt())).append(").");
      }
    }
    if (previousSoo != null && !recommended.contains(previousSoo) && excluded.containsKey(previousSoo)) {
      text.append(" The victim's earlier SOO is not eligible now.");
    }
    if (!excluded.isEmpty()) {
      text.append(' ').append(excluded.size()).append(" excluded (")
          .append(excluded.values().stream().distinct().sorted().collect(Collectors.joining(", "))).append(").");
    }
    return text.toString();
  }

  private static String date(Instant instant) {
    return Objects.requireNonNull(instant).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
