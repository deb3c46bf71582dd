package uk.police.daoversight.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static uk.police.daoversight.allocation.AllocationService.CONFLICT_WITH_PARTY;
import static uk.police.daoversight.allocation.AllocationService.DECLARED_CONFLICT;
import static uk.police.daoversight.allocation.AllocationService.EXCLUDED_ROLE;
import static uk.police.daoversight.allocation.AllocationService.NOT_CHIEF_INSPECTOR;
import static uk.police.daoversight.allocation.AllocationService.NOT_ON_ROSTER;
import static uk.police.daoversight.allocation.AllocationService.UNAVAILABLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AllocationServiceTest {

  private static final String VICTIM_STAFF = "VS-1001";
  private static final String PERP_STAFF = "PS-2002";
  private static final String PERP_DEPT = "Roads Policing North";
  private static final Instant JAN_10 = Instant.parse("2026-01-10T09:00:00Z");
  private static final Instant FEB_20 = Instant.parse("2026-02-20T09:00:00Z");

  private final AllocationService service = new AllocationService();

  /** A case whose perpetrator is in PERP_DEPT, and whom the given users declared they know. */
  private static CaseParties parties(String... knownTo) {
    return new CaseParties(VICTIM_STAFF, PERP_STAFF, PERP_DEPT, Set.of(knownTo));
  }

  /** An available chief inspector with no excluded role, never allocated. */
  private static SooProfile soo(String id) {
    return new SooProfile(id, "Chief Inspector", "Dept " + id, "SN-" + id, true, null, null);
  }

  private static SooProfile soo(String id, Instant lastAllocatedAt) {
    return new SooProfile(id, "Chief Inspector", "Dept " + id, "SN-" + id, true, null, lastAllocatedAt);
  }

  private static SooProfile unavailable(String id) {
    return new SooProfile(id, "Chief Inspector", "Dept " + id, "SN-" + id, false, null, null);
  }

  private static SooProfile psd(String id) {
    return new SooProfile(id, "Chief Inspector", "Professional Standards", "SN-" + id, true, "PSD", null);
  }

  private static SooProfile withStaffNumber(String id, String staffNumber) {
    return new SooProfile(id, "Chief Inspector", "Dept " + id, staffNumber, true, null, null);
  }

  private static SooProfile inDepartment(String id, String department) {
    return new SooProfile(id, "Chief Inspector", department, "SN-" + id, true, null, null);
  }

  private static SooProfile ranked(String id, String rank) {
    return new SooProfile(id, rank, "Dept " + id, "SN-" + id, true, null, null);
  }

  private Recommendation recommendOne(SooProfile... roster) {
    return service.recommend(parties(), List.of(roster), Map.of(), null, 1);
  }

  // --- exclusions, one per reason ---

  @Test
  void excludesTheUnavailable() {
    Recommendation r = recommendOne(unavailable("soo1"), soo("soo2"));

    assertThat(r.excluded()).containsExactly(entry("soo1", UNAVAILABLE));
    assertThat(r.recommended()).containsExactly("soo2");
  }

  @Test
  void excludesAnExcludedRoleSuchAsPsd() {
    Recommendation r = recommendOne(psd("soo1"), soo("soo2"));

    assertThat(r.excluded()).containsExactly(entry("soo1", EXCLUDED_ROLE));
    assertThat(r.recommended()).containsExactly("soo2");
  }

  @Test
  void blankExcludedRoleIsNoExclusion() {
    SooProfile blankRole = new SooProfile("soo1", "Chief Inspector", "Dept", "SN-1", true, "  ", null);

    assertThat(recommendOne(blankRole).recommended()).containsExactly("soo1");
  }

  @Test
  void excludesADeclaredConflictOfInterest() {
    Recommendation r = service.recommend(parties("soo1"), List.of(soo("soo1"), soo("soo2")), Map.of(), null, 1);

    assertThat(r.excluded()).containsExactly(entry("soo1", DECLARED_CONFLICT));
    assertThat(r.recommended()).containsExactly("soo2");
  }

  @Test
  void excludesTheVictimThemself() {
    Recommendation r = recommendOne(withStaffNumber("soo1", " vs-1001 "), soo("soo2"));

    assertThat(r.excluded()).containsExactly(entry("soo1", CONFLICT_WITH_PARTY));
  }

  @Test
  void excludesThePerpetratorThemself() {
    Recommendation r = recommendOne(withStaffNumber("soo1", "ps-2002"), soo("soo2"));

    assertThat(r.excluded()).containsExactly(entry("soo1", CONFLICT_WITH_PARTY));
  }

  @Test
  void excludesThePerpetratorsDepartment() {
    Recommendation r = recommendOne(inDepartment("soo1", "  roads policing NORTH "), soo("soo2"));

    assertThat(r.excluded()).containsExactly(entry("soo1", CONFLICT_WITH_PARTY));
  }

  @Test
  void missingOrBlankPartyFactsNeverMatch() {
    CaseParties unknown = new CaseParties(" ", null, "", null);
    List<SooProfile> roster = List.of(withStaffNumber("soo1", " "), inDepartment("soo2", ""),
        new SooProfile("soo3", "Chief Inspector", null, null, true, null, null));

    Recommendation r = service.recommend(unknown, roster, null, null, 1);

    assertThat(r.excluded()).isEmpty();
    assertThat(r.eligible()).containsExactly("soo1", "soo2", "soo3");
    assertThat(service.recommend(null, roster, null, null, 1).excluded()).isEmpty();
  }

  @Test
  void excludesAnyoneNotAChiefInspector() {
    Recommendation r = recommendOne(ranked("soo1", "Superintendent"), ranked("soo2", null),
        ranked("soo3", " chief INSPECTOR "));

    assertThat(r.excluded()).containsExactly(entry("soo1", NOT_CHIEF_INSPECTOR), entry("soo2", NOT_CHIEF_INSPECTOR));
    assertThat(r.recommended()).containsExactly("soo3");
  }

  // --- fairness order ---

  @Test
  void prefersTheVictimsPreviousSoo() {
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo2"), soo("soo3", FEB_20));

    Recommendation r = service.recommend(parties(), roster, Map.of("soo3", 9), "soo3", 1);

    assertThat(r.recommended()).containsExactly("soo3");
    assertThat(r.eligible()).containsExactly("soo3", "soo1", "soo2");
    assertThat(r.explanation()).startsWith("Recommended soo3: the victim's SOO on an earlier case.");
  }

  @Test
  void skipsAPreviousSooWhoIsNoLongerEligible() {
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo3", JAN_10));

    Recommendation r = service.recommend(parties("soo3"), roster, Map.of(), "soo3", 1);

    assertThat(r.recommended()).containsExactly("soo1");
    assertThat(r.eligible()).containsExactly("soo1");
    assertThat(r.explanation()).contains("Recommended soo1: never allocated before.")
        .contains("The victim's SOO on an earlier case (soo3) is not eligible now.");
  }

  @Test
  void prefersTheNeverAllocated() {
    Recommendation r = recommendOne(soo("soo1", JAN_10), soo("soo2"));

    assertThat(r.eligible()).containsExactly("soo2", "soo1");
    assertThat(r.explanation()).isEqualTo("Recommended soo2: never allocated before.");
  }

  @Test
  void thenTheLeastRecentlyAllocated() {
    Recommendation r = recommendOne(soo("soo1", FEB_20), soo("soo4", JAN_10));

    assertThat(r.eligible()).containsExactly("soo4", "soo1");
    assertThat(r.explanation()).isEqualTo("Recommended soo4: least recently allocated (2026-01-10).");
  }

  @Test
  void fewestOpenCasesBreaksATie() {
    List<SooProfile> roster = List.of(soo("soo1", JAN_10), soo("soo2", JAN_10), soo("soo3", JAN_10));

    Recommendation r = service.recommend(parties(), roster, Map.of("soo1", 3, "soo2", 1), null, 1);

    assertThat(r.eligible()).containsExactly("soo3", "soo2", "soo1");
  }

  @Test
  void userIdIsTheFinalTieBreak() {
    Recommendation r = recommendOne(soo("soo9"), soo("soo2"), soo("soo5"));

    assertThat(r.eligible()).containsExactly("soo2", "soo5", "soo9");
    assertThat(r.recommended()).containsExactly("soo2");
  }

  // --- counter-allegation cases ---

  @Test
  void counterAllegationGetsTwoDistinctSoos() {
    List<SooProfile> roster = List.of(soo("soo1", JAN_10), soo("soo5", FEB_20), soo("soo7", FEB_20));

    Recommendation r = service.recommend(parties(), roster, Map.of("soo7", 2), "soo5", 2);

    assertThat(r.found()).isTrue();
    assertThat(r.recommended()).containsExactly("soo5", "soo1").doesNotHaveDuplicates();
    assertThat(r.explanation()).startsWith("Recommended soo5 and soo1 (one for each party).");
  }

  // --- not enough eligible ---

  @Test
  void emptyOrMissingRosterFindsNobody() {
    for (List<SooProfile> roster : Arrays.asList(List.<SooProfile>of(), null)) {
      Recommendation r = service.recommend(parties(), roster, null, null, 1);

      assertThat(r.found()).isFalse();
      assertThat(r.recommended()).isEmpty();
      assertThat(r.eligible()).isEmpty();
      assertThat(r.explanation()).startsWith("No eligible SOO");
    }
  }

  @Test
  void allExcludedFindsNobody() {
    Recommendation r = service.recommend(parties("soo2"), List.of(unavailable("soo1"), soo("soo2")), null, null, 1);

    assertThat(r.found()).isFalse();
    assertThat(r.recommended()).isEmpty();
    assertThat(r.explanation())
        .isEqualTo("No eligible SOO: 2 on the roster, all excluded (declared conflict of interest, unavailable).");
  }

  @Test
  void onlyOneEligibleIsNotEnoughForACounterAllegation() {
    Recommendation r = service.recommend(parties(), List.of(soo("soo1"), psd("soo2")), null, null, 2);

    assertThat(r.found()).isFalse();
    assertThat(r.recommended()).containsExactly("soo1");
    assertThat(r.explanation()).startsWith("Only one eligible SOO; a counter-allegation case needs two.");
  }

  @Test
  void oneEligibleIsEnoughForAnOrdinaryCase() {
    Recommendation r = service.recommend(parties(), List.of(soo("soo1"), psd("soo2")), null, null, 1);

    assertThat(r.found()).isTrue();
  }

  @Test
  void needsAtLeastOneSoo() {
    assertThatThrownBy(() -> service.recommend(parties(), List.of(soo("soo1")), null, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- the excluded map and the explanation ---

  @Test
  void excludedMapGivesEachExcludedSooAGenericReasonInRosterOrder() {
    List<SooProfile> roster = List.of(soo("soo1"), unavailable("soo2"), psd("soo3"), soo("soo4"),
        withStaffNumber("soo5", VICTIM_STAFF), inDepartment("soo6", PERP_DEPT), ranked("soo7", "Inspector"));

    Recommendation r = service.recommend(parties("soo4"), roster, Map.of(), null, 1);

    assertThat(r.excluded()).containsExactly(
        entry("soo2", UNAVAILABLE),
        entry("soo3", EXCLUDED_ROLE),
        entry("soo4", DECLARED_CONFLICT),
        entry("soo5", CONFLICT_WITH_PARTY),
        entry("soo6", CONFLICT_WITH_PARTY),
        entry("soo7", NOT_CHIEF_INSPECTOR));
    assertThat(r.eligible()).containsExactly("soo1");
    assertThat(r.explanation()).isEqualTo("Recommended soo1: never allocated before. 6 excluded "
        + "(conflict with a party, declared conflict of interest, excluded role, not a chief inspector, unavailable).");
  }

  @Test
  void noReasonOrExplanationRevealsADepartmentOrStaffNumber() {
    List<SooProfile> roster = List.of(soo("soo1"), withStaffNumber("soo5", VICTIM_STAFF),
        withStaffNumber("soo6", PERP_STAFF), inDepartment("soo7", PERP_DEPT), soo("soo8"));

    Stream<Recommendation> results = Stream.of(
        service.recommend(parties("soo8"), roster, Map.of(), "soo7", 1),
        service.recommend(parties("soo8"), roster, Map.of(), null, 2),
        service.recommend(parties("soo1", "soo8"), roster, Map.of(), null, 1));
    List<String> texts = new ArrayList<>();
    results.forEach(r -> {
      texts.add(r.explanation());
      texts.addAll(r.excluded().values());
    });
    roster.forEach(s -> service.ineligibility(s.userId(), parties("soo8"), roster).ifPresent(texts::add));

    List<String> secrets = new ArrayList<>(List.of(VICTIM_STAFF, PERP_STAFF, PERP_DEPT));
    roster.forEach(s -> {
      secrets.add(s.staffNumber());
      secrets.add(s.department());
    });
    assertThat(texts).isNotEmpty().allSatisfy(text -> {
      assertThat(text).isNotBlank();
      secrets.forEach(secret -> assertThat(text).doesNotContainIgnoringCase(secret));
    });
  }

  // --- checking a coordinator's manual choice ---

  @Test
  void ineligibilityIsEmptyForAnEligibleSoo() {
    assertThat(service.ineligibility("soo1", parties(), List.of(soo("soo1")))).isEmpty();
  }

  @Test
  void ineligibilityGivesEachReason() {
    List<SooProfile> roster = List.of(unavailable("soo2"), psd("soo3"), soo("soo4"),
        withStaffNumber("soo5", PERP_STAFF), inDepartment("soo6", PERP_DEPT), ranked("soo7", "Inspector"));
    CaseParties parties = parties("soo4");

    assertThat(service.ineligibility("soo2", parties, roster)).contains(UNAVAILABLE);
    assertThat(service.ineligibility("soo3", parties, roster)).contains(EXCLUDED_ROLE);
    assertThat(service.ineligibility("soo4", parties, roster)).contains(DECLARED_CONFLICT);
    assertThat(service.ineligibility("soo5", parties, roster)).contains(CONFLICT_WITH_PARTY);
    assertThat(service.ineligibility("soo6", parties, roster)).contains(CONFLICT_WITH_PARTY);
    assertThat(service.ineligibility("soo7", parties, roster)).contains(NOT_CHIEF_INSPECTOR);
  }

  @Test
  void ineligibilityOfSomeoneNotOnTheRoster() {
    assertThat(service.ineligibility("nobody", parties(), List.of(soo("soo1")))).contains(NOT_ON_ROSTER);
    assertThat(service.ineligibility("soo1", parties(), null)).contains(NOT_ON_ROSTER);
    assertThat(service.ineligibility(null, parties(), List.of(soo("soo1")))).contains(NOT_ON_ROSTER);
  }

  // ---- load limit (#19 item 1)

  @Test
  void aSooAtTheLoadLimitIsPassedOverForAnyoneUnderIt() {
    // soo1 is the least recently allocated (never), but carries 3 open cases: the limit.
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo2", JAN_10), soo("soo3", FEB_20));
    Recommendation r = service.recommend(parties(), roster, Map.of("soo1", 3, "soo2", 2), null, 1, 3);

    assertThat(r.recommended()).containsExactly("soo2");
    assertThat(r.eligible()).containsExactly("soo2", "soo3", "soo1");
    assertThat(r.explanation()).contains("1 eligible at or above the load limit of 3 open cases");
  }

  @Test
  void aSooAtTheLoadLimitIsRecommendedOnlyWhenNobodyElseIsEligibleAndTheCoordinatorSeesWhy() {
    List<SooProfile> roster = List.of(soo("soo1", JAN_10), unavailable("soo2"), psd("soo3"));
    Recommendation r = service.recommend(parties(), roster, Map.of("soo1", 4), null, 1, 3);

    assertThat(r.found()).isTrue();
    assertThat(r.recommended()).containsExactly("soo1");
    assertThat(r.explanation()).contains("soo1 has 4 open cases, at or above the load limit of 3: "
        + "recommended only because no SOO under the limit is eligible.");
  }

  @Test
  void underTheLimitTheOrderIsTheFairRotation() {
    List<SooProfile> roster = List.of(soo("soo1", FEB_20), soo("soo2", JAN_10));
    Recommendation r = service.recommend(parties(), roster, Map.of("soo1", 2, "soo2", 2), null, 1, 3);
    assertThat(r.recommended()).containsExactly("soo2");
    assertThat(r.explanation()).doesNotContain("load limit");
  }

  @Test
  void aCounterAllegationTakesOneFullSooOnlyWhenOneUnderTheLimitIsMissing() {
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo2", JAN_10), soo("soo3", FEB_20));
    Recommendation r = service.recommend(parties(), roster, Map.of("soo1", 3, "soo3", 5), null, 2, 3);
    assertThat(r.recommended()).containsExactly("soo2", "soo1");
    assertThat(r.explanation()).contains("soo1 has 3 open cases").doesNotContain("soo3 has");
  }

  @Test
  void theLoadLimitMustBePositive() {
    assertThatThrownBy(() -> service.recommend(parties(), List.of(soo("soo1")), Map.of(), null, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- #19 item 6: the other party's SOO is checked against the party they oversee's allegation

  @Test
  void inACounterAllegationTheOtherPartysSooIsNeverOneConflictedWithTheVictim() {
    // soo1 works in the victim's department: fine for the victim, but the other party alleges against the victim.
    CaseParties parties = parties().withVictim("Dept soo1", Set.of("soo3"));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo2", t0), soo("soo3", t0.plusSeconds(60)), soo("soo4", t0.plusSeconds(120)));

    Recommendation r = service.recommend(parties, roster, Map.of(), null, 2);
    assertThat(r.recommended()).as("soo1 is the fairest and takes the victim; soo2 the other party").containsExactly("soo1", "soo2");

    // soo1 fairest, soo3 (in the victim's line of command) next: soo3 is skipped for the other party.
    r = service.recommend(parties, List.of(soo("soo1"), soo("soo3", t0), soo("soo4", t0.plusSeconds(60))), Map.of(), null, 2);
    assertThat(r.recommended()).containsExactly("soo1", "soo4");

    // Only the fairest fits the other party: the other takes the victim.
    r = service.recommend(parties, List.of(soo("soo1"), soo("soo2", t0)), Map.of(), null, 2);
    assertThat(r.recommended()).containsExactly("soo1", "soo2");
    r = service.recommend(parties, List.of(soo("soo2"), soo("soo1", t0)), Map.of(), null, 2);
    assertThat(r.recommended()).as("victim first: soo1 cannot take the other party, so the fairest, soo2, does")
        .containsExactly("soo1", "soo2");
  }

  @Test
  void aPairWhereNobodyFitsTheOtherPartyIsNotFound() {
    CaseParties parties = parties().withVictim("Dept soo1", Set.of("soo3"));
    Recommendation r = service.recommend(parties, List.of(soo("soo1"), soo("soo3")), Map.of(), null, 2);
    assertThat(r.found()).isFalse();
    assertThat(r.recommended()).hasSize(1);
  }

  @Test
  void aManualChoiceForTheOtherPartyIsCheckedAgainstTheVictim() {
    CaseParties parties = parties().withVictim("Dept soo1", Set.of("soo3"));
    List<SooProfile> roster = List.of(soo("soo1"), soo("soo2"), soo("soo3"));
    assertThat(service.ineligibility("soo1", parties, roster, AllocationDesk.OTHER_PARTY)).contains(CONFLICT_WITH_PARTY);
    assertThat(service.ineligibility("soo3", parties, roster, AllocationDesk.OTHER_PARTY)).contains(CONFLICT_WITH_PARTY);
    assertThat(service.ineligibility("soo2", parties, roster, AllocationDesk.OTHER_PARTY)).isEmpty();
    assertThat(service.ineligibility("soo1", parties, roster, AllocationDesk.VICTIM)).as("the victim's SOO as before").isEmpty();
    assertThat(service.ineligibility("soo3", parties, roster, AllocationDesk.VICTIM)).isEmpty();
  }
}
