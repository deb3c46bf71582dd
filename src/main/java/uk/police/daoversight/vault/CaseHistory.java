package uk.police.daoversight.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.police.daoversight.intake.Party;

/**
 * What the earlier cases of a case's people say, decided inside the vault: which role matched which
 * in each earlier case, and whether the perpetrator is a serial perpetrator (earlier cases with other
 * victims) or the victim a serial victim (earlier cases with other perpetrators). Only case codes,
 * role labels and counts leave it; the people stay in the vault.
 */
public final class CaseHistory {

  public static final String SAME_VICTIM = "same victim";
  public static final String SAME_PERPETRATOR = "same perpetrator";
  public static final String VICTIM_NOW_PERPETRATOR = "victim now perpetrator";
  public static final String PERPETRATOR_NOW_VICTIM = "perpetrator now victim";

  /** An earlier case: the role matches, labelled from this case's side, and whether it is closed. */
  public record EarlierCase(String caseCode, List<String> roles, boolean closed, Instant referredAt) {
    public EarlierCase {
      roles = List.copyOf(roles);
    }

    public boolean sameVictim() {
      return roles.contains(SAME_VICTIM);
    }

    /** "ABCD-EFGH (same perpetrator, open)" */
    public String describe() {
      return caseCode + " (" + String.join(", ", roles) + (closed ? ", closed)" : ", open)");
    }
  }

  /**
   * The serial facts: the earlier cases in which this perpetrator abused someone other than this
   * victim, and how many different people those were; likewise the earlier cases in which this
   * victim was abused by someone other than this perpetrator.
   */
  public record Serial(List<String> perpetratorCases, int otherVictims, List<String> victimCases, int otherPerpetrators) {
    public Serial {
      perpetratorCases = List.copyOf(perpetratorCases);
      victimCases = List.copyOf(victimCases);
    }

    public boolean serialPerpetrator() {
      return otherVictims > 0;
    }

    public boolean serialVictim() {
      return otherPerpetrators > 0;
    }
  }

  /** Earlier cases newest first, and the serial facts. */
  public record Findings(List<EarlierCase> newestFirst, Serial serial) {
    public Findings {
      newestFirst = List.copyOf(newestFirst);
    }
  }

  private CaseHistory() {}

  /**
   * Decides the findings of {@code current} against {@code others} (any order; cases that match
   * nobody are dropped). People are the same by {@link PersonMatch#samePerson}.
   */
  public static Findings of(CaseIdentity current, List<CaseIdentity> others) {
    return of(current, others, java.util.Set.of());
  }

  /**
   * As {@link #of(CaseIdentity, List)}, with the likely matches the coordinator confirmed counted as
   * the same person: {@code confirmed} holds "case code|label" ({@link #confirmation}).
   */
  public static Findings of(CaseIdentity current, List<CaseIdentity> others, java.util.Set<String> confirmed) {
    Party victim = current.victim();
    Party perpetrator = current.perpetrator();
    List<CaseIdentity> newestFirst = new ArrayList<>(others);
    newestFirst.removeIf(o -> o.caseCode().equals(current.caseCode()));
    newestFirst.sort(Comparator.comparing(CaseIdentity::createdAt).thenComparing(CaseIdentity::caseCode).reversed());

    List<EarlierCase> earlier = new ArrayList<>();
    List<String> perpetratorCases = new ArrayList<>();
    List<Party> otherVictims = new ArrayList<>();
    List<String> victimCases = new ArrayList<>();
    List<Party> otherPerpetrators = new ArrayList<>();
    for (CaseIdentity other : newestFirst) {
      List<String> roles = new ArrayList<>();
      String code = other.caseCode();
      boolean sameVictim = PersonMatch.samePerson(victim, other.victim()) || confirmed.contains(confirmation(code, SAME_VICTIM));
      boolean samePerpetrator = PersonMatch.samePerson(perpetrator, other.perpetrator())
          || confirmed.contains(confirmation(code, SAME_PERPETRATOR));
      if (sameVictim) {
        roles.add(SAME_VICTIM);
      }
      if (samePerpetrator) {
        roles.add(SAME_PERPETRATOR);
      }
      if (PersonMatch.samePerson(perpetrator, other.victim()) || confirmed.contains(confirmation(code, VICTIM_NOW_PERPETRATOR))) {
        roles.add(VICTIM_NOW_PERPETRATOR);
      }
      if (PersonMatch.samePerson(victim, other.perpetrator()) || confirmed.contains(confirmation(code, PERPETRATOR_NOW_VICTIM))) {
        roles.add(PERPETRATOR_NOW_VICTIM);
      }
      if (roles.isEmpty()) {
        continue;
      }
      earlier.add(new EarlierCase(other.caseCode(), roles, other.closedAt() != null, other.createdAt()));
      if (samePerpetrator && !sameVictim) {
        perpetratorCases.add(other.caseCode());
        addIfNew(otherVictims, other.victim());
      }
      if (sameVictim && !samePerpetrator) {
        victimCases.add(other.caseCode());
        addIfNew(otherPerpetrators, other.perpetrator());
      }
    }
    return new Findings(earlier, new Serial(perpetratorCases, otherVictims.size(), victimCases, otherPerpetrators.size()));
  }

  /** How a confirmed likely match is named in {@link #of(CaseIdentity, List, java.util.Set)}. */
  public static String confirmation(String otherCaseCode, String label) {
    return otherCaseCode + "|" + label;
  }

  /** A record that may be the same person in another case: which role matched which, and how likely. */
  public record PossibleMatch(String caseCode, String label, LikelyMatch.Verdict verdict) {
    /** "ABCD-EFGH: likely same perpetrator (score 94)" */
    public String describe() {
      return caseCode + ": " + verdict.level().name().toLowerCase(java.util.Locale.ROOT) + " " + label + " (score " + verdict.score() + ")";
    }
  }

  /**
   * The likely matches of {@code current}'s people in {@code candidates} that are not already the
   * same person there (exactly or confirmed), best first (score, then newest case).
   */
  public static List<PossibleMatch> possible(CaseIdentity current, List<CaseIdentity> candidates, java.util.Set<String> confirmed) {
    List<PossibleMatch> found = new ArrayList<>();
    List<CaseIdentity> newestFirst = new ArrayList<>(candidates);
    newestFirst.sort(Comparator.comparing(CaseIdentity::createdAt).thenComparing(CaseIdentity::caseCode).reversed());
    for (CaseIdentity other : newestFirst) {
      if (other.caseCode().equals(current.caseCode())) {
        continue;
      }
      Object[][] pairs = {
          {current.victim(), other.victim(), SAME_VICTIM}, {current.perpetrator(), other.perpetrator(), SAME_PERPETRATOR},
          {current.perpetrator(), other.victim(), VICTIM_NOW_PERPETRATOR}, {current.victim(), other.perpetrator(), PERPETRATOR_NOW_VICTIM}};
      for (Object[] pair : pairs) {
        String label = (String) pair[2];
        if (confirmed.contains(confirmation(other.caseCode(), label))) {
          continue;
        }
        LikelyMatch.Verdict verdict = LikelyMatch.of((Party) pair[0], (Party) pair[1]);
        if (verdict.level() != LikelyMatch.Level.NONE) {
          found.add(new PossibleMatch(other.caseCode(), label, verdict));
        }
      }
    }
    found.sort(Comparator.comparing((PossibleMatch m) -> -m.verdict().score()));
    return found;
  }

  /** A party the vault cannot tell from anyone (no staff number, no name and date of birth) still counts once. */
  private static void addIfNew(List<Party> distinct, Party party) {
    if (distinct.stream().noneMatch(p -> PersonMatch.samePerson(p, party))) {
      distinct.add(party);
    }
  }
}
