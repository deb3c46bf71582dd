package uk.police.daoversight.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.police.daoversight.allocation.AllocationService;
import uk.police.daoversight.allocation.CaseParties;
import uk.police.daoversight.allocation.SooProfile;

/** The conflict rule as a table: who is conflicted on a case, and the near misses that are not. */
class ConflictOfInterestTest {

  static final String PSD = "Professional Standards";
  /** The perpetrator: staff number PC123, Response North, managed by sgt1, whose manager is insp1. */
  static final ConflictOfInterest.Perpetrator PERP = new ConflictOfInterest.Perpetrator("PC123", "Response North",
      List.of("sgt1", "insp1"));

  static ConflictOfInterest.Profile user(String id, String staffNumber, String department, boolean psd) {
    Set<String> numbers = new HashSet<>();
    Set<String> departments = new HashSet<>();
    numbers.add(staffNumber);
    departments.add(department);
    return new ConflictOfInterest.Profile(id, numbers, departments, psd);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // the perpetrator himself, however his number is written
        Arguments.of("the perpetrator", user("pc1", "PC123", "Response North", false), PERP, "PERPETRATOR_SELF"),
        Arguments.of("number in other case and spaces", user("pc1", " pc123 ", null, false), PERP, "PERPETRATOR_SELF"),
        Arguments.of("the perpetrator, moved department", user("pc1", "PC123", "Custody", false), PERP, "PERPETRATOR_SELF"),
        // his department
        Arguments.of("same department", user("pc2", "PC999", "Response North", false), PERP, "PERPETRATOR_DEPARTMENT"),
        Arguments.of("same department, other case", user("pc2", "PC999", "response north ", false), PERP,
            "PERPETRATOR_DEPARTMENT"),
        // his line of command
        Arguments.of("his line manager", user("sgt1", "PS1", "Response Sergeants", false), PERP, "LINE_OF_COMMAND"),
        Arguments.of("his manager's manager", user("insp1", "IN1", "Command", false), PERP, "LINE_OF_COMMAND"),
        Arguments.of("line manager, no directory facts", user("sgt1", null, null, false), PERP, "LINE_OF_COMMAND"),
        // PSD when the perpetrator works in PSD
        Arguments.of("PSD user, perpetrator in PSD", user("psdx", null, null, true),
            new ConflictOfInterest.Perpetrator("PS777", PSD, List.of()), "PERPETRATOR_DEPARTMENT"),
        // near misses
        Arguments.of("similar department name", user("pc3", "PC998", "Response North West", false), PERP, null),
        Arguments.of("department that contains his", user("pc3", "PC998", "North", false), PERP, null),
        Arguments.of("similar staff number", user("pc4", "PC1234", "Custody", false), PERP, null),
        Arguments.of("missing from the directory", user("nobody", null, null, false), PERP, null),
        Arguments.of("blank staff numbers do not match", user("pc5", " ", "Custody", false),
            new ConflictOfInterest.Perpetrator(" ", "Custody Suite", List.of()), null),
        Arguments.of("blank departments do not match", user("pc6", "PC5", "", false),
            new ConflictOfInterest.Perpetrator("PC6", "", List.of()), null),
        Arguments.of("unknown perpetrator department", user("pc6", "PC5", "Custody", false),
            new ConflictOfInterest.Perpetrator(null, null, null), null),
        Arguments.of("the perpetrator's subordinate", user("pc7", "PC7", "Custody", false),
            new ConflictOfInterest.Perpetrator("PC123", "Response North", List.of("sgt1")), null),
        Arguments.of("PSD user, perpetrator elsewhere", user("psdx", "PS9", PSD, true), PERP, null),
        Arguments.of("not PSD, perpetrator in PSD", user("pc8", "PC8", "Custody", false),
            new ConflictOfInterest.Perpetrator("PS777", PSD, List.of()), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theRule(String name, ConflictOfInterest.Profile who, ConflictOfInterest.Perpetrator perpetrator, String kind) {
    Optional<ConflictOfInterest.Conflict> conflict = ConflictOfInterest.decide(who, perpetrator, PSD);
    assertThat(conflict.map(c -> c.kind().name()).orElse(null)).isEqualTo(kind);
    conflict.ifPresent(c -> assertThat(c.reason()).as("no identity in the reason").doesNotContain("PC123")
        .doesNotContain("Response North").startsWith("conflict of interest"));
  }

  @Test
  void aUserWithNothingKnownKnowsNothing() {
    assertThat(user("nobody", null, " ", false).knowsNothing()).isTrue();
    assertThat(user("psd", null, null, true).knowsNothing()).isFalse();
    assertThat(ConflictOfInterest.decide(null, PERP, PSD)).isEmpty();
    assertThat(ConflictOfInterest.decide(user("pc1", "PC123", null, false), null, PSD)).isEmpty();
  }

  @Test
  void allocationExcludesTheSameConflicts() {
    CaseParties parties = new CaseParties("V1", "PC123", "Response North", Set.of(), Set.of("sgt1", "insp1"));
    List<SooProfile> roster = List.of(
        new SooProfile("insp1", "Chief Inspector", "Command", "IN1", true, null, null),
        new SooProfile("ci2", "Chief Inspector", "Response North West", "CI2", true, null, null),
        new SooProfile("ci3", "Chief Inspector", "Response North", "CI3", true, null, null));
    AllocationService allocation = new AllocationService();
    assertThat(allocation.ineligibility("insp1", parties, roster)).contains(AllocationService.CONFLICT_WITH_PARTY);
    assertThat(allocation.ineligibility("ci3", parties, roster)).contains(AllocationService.CONFLICT_WITH_PARTY);
    assertThat(allocation.ineligibility("ci2", parties, roster)).isEmpty();
  }
}
