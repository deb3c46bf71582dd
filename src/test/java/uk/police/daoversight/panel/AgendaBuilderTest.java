package uk.police.daoversight.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link AgendaBuilder}, with simple fake rules instead of the DMN tables. */
class AgendaBuilderTest {

  private static final int CAPACITY = 180;

  /** Slot: NEW 15, UPDATE 10. Triage: requested back 1, HIGH risk 2, NEW 4, else 6. */
  private static final AgendaBuilder.Rules RULES = new AgendaBuilder.Rules() {
    @Override
    public AgendaBuilder.Triage triage(AgendaCandidate c) {
      if (c.requestedBack()) {
        return new AgendaBuilder.Triage(1, "Requested back by the panel");
      }
      if ("HIGH".equals(c.riskLevel())) {
        return new AgendaBuilder.Triage(2, "High risk");
      }
      if ("NEW".equals(c.reviewType())) {
        return new AgendaBuilder.Triage(4, "New case");
      }
      return new AgendaBuilder.Triage(6, "Routine update");
    }

    @Override
    public int slotMinutes(String reviewType, boolean complex) {
      return "NEW".equals(reviewType) ? 15 : 10;
    }
  };

  private final AgendaBuilder builder = new AgendaBuilder();

  private static AgendaCandidate newCase(String code, int days) {
    return new AgendaCandidate(code, "NEW", false, "STANDARD", days, List.of("soo-" + code));
  }

  private static AgendaCandidate update(String code, int days) {
    return new AgendaCandidate(code, "UPDATE", false, "STANDARD", days, List.of("soo-" + code));
  }

  private Agenda build(List<AgendaCandidate> candidates, int capacity) {
    return builder.build(candidates, capacity, RULES, Map.of(), List.of());
  }

  private static List<String> itemCodes(Agenda agenda) {
    return agenda.items().stream().map(Agenda.Item::caseCode).toList();
  }

  private static List<String> carriedCodes(Agenda agenda) {
    return agenda.carriedOver().stream().map(Agenda.CarriedOver::caseCode).toList();
  }

  private static List<AgendaCandidate> randomCandidates(Random random) {
    List<AgendaCandidate> list = new ArrayList<>();
    int n = random.nextInt(30);
    String[] risks = {"STANDARD", "MEDIUM", "HIGH"};
    for (int i = 0; i < n; i++) {
      String code = "C" + random.nextInt(40); // repeats on purpose
      list.add(new AgendaCandidate(code, random.nextBoolean() ? "NEW" : "UPDATE", random.nextInt(5) == 0,
          risks[random.nextInt(3)], random.nextInt(60), List.of("soo" + random.nextInt(9))));
    }
    return list;
  }

  @Test
  void neverExceedsCapacityAndLosesNothingForRandomInputs() {
    for (int seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      List<AgendaCandidate> candidates = randomCandidates(random);
      Set<String> deferrable = new HashSet<>();
      candidates.stream().filter(c -> random.nextInt(8) == 0).forEach(c -> deferrable.add(c.caseCode()));
      Map<String, String> deferred = new java.util.HashMap<>();
      deferrable.forEach(code -> deferred.put(code, "SOO on leave"));
      List<String> pinned = candidates.stream().map(AgendaCandidate::caseCode).filter(c -> random.nextInt(10) == 0)
          .distinct().toList();

      Agenda agenda = builder.build(candidates, CAPACITY, RULES, deferred, pinned);

      assertThat(agenda.usedMinutes()).as("seed %d", seed).isLessThanOrEqualTo(CAPACITY);
      List<String> all = new ArrayList<>(itemCodes(agenda));
      all.addAll(carriedCodes(agenda));
      Set<String> distinct = new HashSet<>(candidates.stream().map(AgendaCandidate::caseCode).toList());
      assertThat(all).as("seed %d", seed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(distinct);
      int expectedStart = 0;
      for (Agenda.Item item : agenda.items()) {
        assertThat(item.startMinute()).as("seed %d", seed).isEqualTo(expectedStart);
        assertThat(deferred).doesNotContainKey(item.caseCode());
        expectedStart += item.slotMinutes();
      }
    }
  }

  @Test
  void shuffledInputGivesTheSameAgenda() {
    for (int seed = 0; seed < 50; seed++) {
      Random random = new Random(seed);
      List<AgendaCandidate> candidates = new ArrayList<>(randomCandidates(random).stream()
          .collect(java.util.stream.Collectors.toMap(AgendaCandidate::caseCode, c -> c, (a, b) -> a)).values());
      Agenda first = build(candidates, CAPACITY);
      Collections.shuffle(candidates, random);
      assertThat(build(candidates, CAPACITY)).as("seed %d", seed).isEqualTo(first);
    }
  }

  @Test
  void ordersByPriorityThenLongestWaitThenCaseCode() {
    AgendaCandidate routine = update("R-1", 90);
    AgendaCandidate newShortWait = newCase("N-2", 3);
    AgendaCandidate newLongWaitB = newCase("N-B", 20);
    AgendaCandidate newLongWaitA = newCase("N-A", 20);
    AgendaCandidate high = new AgendaCandidate("H-1", "UPDATE", false, "HIGH", 1, List.of("s"));
    AgendaCandidate back = new AgendaCandidate("B-1", "UPDATE", true, "STANDARD", 0, List.of("s"));

    Agenda agenda = build(List.of(routine, newShortWait, newLongWaitB, newLongWaitA, high, back), CAPACITY);

    assertThat(itemCodes(agenda)).containsExactly("B-1", "H-1", "N-A", "N-B", "N-2", "R-1");
    assertThat(agenda.items()).extracting(Agenda.Item::priority).containsExactly(1, 2, 4, 4, 4, 6);
    assertThat(agenda.items().get(0).priorityReason()).isEqualTo("Requested back by the panel");
    assertThat(agenda.items()).extracting(Agenda.Item::startMinute).containsExactly(0, 10, 20, 35, 50, 65);
  }

  @Test
  void aShorterUpdateFillsTheGapALongerNewCaseCouldNot() {
    // 17 updates of 10 = 170 minutes; the new case (15) does not fit, the last update (10) does.
    List<AgendaCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      candidates.add(new AgendaCandidate(String.format("U-%02d", i), "UPDATE", false, "HIGH", 10, List.of("s")));
    }
    candidates.add(newCase("N-1", 50));
    candidates.add(update("U-LAST", 1));

    Agenda agenda = build(candidates, CAPACITY);

    assertThat(agenda.usedMinutes()).isEqualTo(180);
    assertThat(itemCodes(agenda)).endsWith("U-LAST");
    assertThat(agenda.items().get(17).startMinute()).isEqualTo(170);
    assertThat(carriedCodes(agenda)).containsExactly("N-1");
  }

  @Test
  void overflowIsCarriedOverWithTheReasonInOrder() {
    List<AgendaCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      candidates.add(newCase(String.format("N-%02d", i), 100 - i));
    }

    Agenda agenda = build(candidates, CAPACITY);

    assertThat(agenda.items()).hasSize(12);
    assertThat(carriedCodes(agenda)).containsExactly("N-12", "N-13");
    assertThat(agenda.carriedOver()).allSatisfy(c -> {
      assertThat(c.reason()).isEqualTo("Panel full: 180 of 180 minutes used; carried to the next panel");
      assertThat(c.reviewType()).isEqualTo("NEW");
      assertThat(c.priority()).isEqualTo(4);
    });
  }

  @Test
  void deferredCaseIsCarriedOverWithTheAdministratorsReason() {
    Agenda agenda = builder.build(List.of(newCase("N-1", 5), update("U-1", 5)), CAPACITY, RULES,
        Map.of("N-1", "SOO on leave", "UNKNOWN", "ignored"), null);

    assertThat(itemCodes(agenda)).containsExactly("U-1");
    assertThat(agenda.carriedOver()).containsExactly(
        new Agenda.CarriedOver("N-1", "NEW", 4, "Deferred by the administrator: SOO on leave"));
  }

  @Test
  void pinnedCasesComeFirstInTheGivenOrderAndAreNotForced() {
    AgendaCandidate back = new AgendaCandidate("B-1", "UPDATE", true, "STANDARD", 0, List.of("s"));
    Agenda agenda = builder.build(List.of(back, update("U-1", 1), newCase("N-1", 1)), CAPACITY, RULES, null,
        List.of("U-1", "UNKNOWN", "N-1"));
    assertThat(itemCodes(agenda)).containsExactly("U-1", "N-1", "B-1");

    // Capacity 20: pinned N-1 (15) fits, pinned N-2 (15) does not and is carried over; B-1 (10) does not fit either.
    Agenda small = builder.build(List.of(back, newCase("N-1", 1), newCase("N-2", 1)), 20, RULES, Map.of(),
        List.of("N-1", "N-2"));
    assertThat(itemCodes(small)).containsExactly("N-1");
    assertThat(carriedCodes(small)).containsExactly("N-2", "B-1");
    assertThat(small.carriedOver().get(0).reason()).startsWith("Panel full: 15 of 20 minutes used");
  }

  @Test
  void counterAllegationCaseTakesOneSlotWithBothSoos() {
    AgendaCandidate dual = new AgendaCandidate("CA-1", "NEW", false, "HIGH", 4, List.of("soo-a", "soo-b"));
    Agenda agenda = build(List.of(dual, dual), CAPACITY);

    assertThat(agenda.items()).containsExactly(
        new Agenda.Item("CA-1", "NEW", 15, 0, List.of("soo-a", "soo-b"), 2, "High risk"));
    assertThat(agenda.carriedOver()).isEmpty();
    assertThat(agenda.usedMinutes()).isEqualTo(15);
  }

  @Test
  void duplicateCaseCodeKeepsTheFirstOccurrence() {
    Agenda agenda = build(List.of(newCase("X-1", 3), update("X-1", 30)), CAPACITY);
    assertThat(agenda.items()).singleElement().extracting(Agenda.Item::reviewType).isEqualTo("NEW");
    assertThat(agenda.carriedOver()).isEmpty();
  }

  @Test
  void twelveNewCasesFillTheMeetingExactly() {
    List<AgendaCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      candidates.add(newCase(String.format("N-%02d", i), i));
    }
    Agenda agenda = build(candidates, CAPACITY);

    assertThat(agenda.items()).hasSize(12);
    assertThat(agenda.usedMinutes()).isEqualTo(180);
    assertThat(agenda.items().get(11).startMinute()).isEqualTo(165);
    assertThat(agenda.carriedOver()).isEmpty();
  }

  @Test
  void badCapacityThrows() {
    assertThatThrownBy(() -> build(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(List.of(), -5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullCandidatesGiveAnEmptyAgenda() {
    Agenda agenda = builder.build(null, CAPACITY, RULES, null, null);
    assertThat(agenda.items()).isEmpty();
    assertThat(agenda.carriedOver()).isEmpty();
    assertThat(agenda.usedMinutes()).isZero();
    assertThat(agenda.capacityMinutes()).isEqualTo(CAPACITY);
  }

  @Test
  void recordsCopyTheirLists() {
    List<String> soos = new ArrayList<>(List.of("soo-a"));
    AgendaCandidate candidate = new AgendaCandidate("C-1", "NEW", false, "STANDARD", 1, soos);
    soos.add("soo-b");
    assertThat(candidate.soos()).containsExactly("soo-a");

    List<Agenda.Item> items = new ArrayList<>(build(List.of(candidate), CAPACITY).items());
    Agenda agenda = new Agenda(items, List.of(), CAPACITY);
    items.clear();
    assertThat(agenda.items()).hasSize(1);
    assertThatThrownBy(() -> agenda.items().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rulesAreAskedOncePerDistinctInputAndTheAgendaIsTheSameAsAskingPerCase() {
    List<AgendaCandidate> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add(new AgendaCandidate(String.format("MANY-%04d", i), i % 2 == 0 ? "NEW" : "UPDATE", i % 7 == 0,
          i % 3 == 0 ? "HIGH" : "STANDARD", i % 5, List.of("soo-" + i)));
    }
    List<String> triageInputs = new ArrayList<>();
    List<String> slotInputs = new ArrayList<>();
    AgendaBuilder.Rules counting = new AgendaBuilder.Rules() {
      @Override
      public AgendaBuilder.Triage triage(AgendaCandidate c) {
        triageInputs.add(c.requestedBack() + c.riskLevel() + c.reviewType() + c.daysWaiting());
        return RULES.triage(c);
      }

      @Override
      public int slotMinutes(String reviewType, boolean complex) {
        slotInputs.add(reviewType + complex);
        return RULES.slotMinutes(reviewType, complex);
      }
    };

    Agenda once = builder.build(many, CAPACITY, counting, Map.of(), List.of());

    assertThat(triageInputs).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(2 * 2 * 2 * 5).hasSizeGreaterThan(1);
    assertThat(slotInputs).containsExactlyInAnyOrder("NEWfalse", "UPDATEfalse");
    Agenda perCase = new AgendaBuilder().build(many, CAPACITY, RULES, Map.of(), List.of());
    assertThat(once).isEqualTo(perCase);
    assertThat(once.items().size() + once.carriedOver().size()).isEqualTo(2_000);
  }

  @Test
  void aCaseNotReachedLastTimeGoesFirstAheadOfHighRiskAndTheChairsRequests() {
    AgendaCandidate notReached = new AgendaCandidate("NR00-0001", "UPDATE", false, "STANDARD", 1, List.of("soo-a"), true, false);
    AgendaCandidate requested = new AgendaCandidate("RQ00-0001", "UPDATE", true, "HIGH", 30, List.of("soo-b"));
    Agenda agenda = build(List.of(requested, newCase("NW00-0001", 90), notReached), CAPACITY);

    assertThat(itemCodes(agenda)).containsExactly("NR00-0001", "RQ00-0001", "NW00-0001");
    assertThat(agenda.items().get(0).priorityReason()).isEqualTo(AgendaBuilder.NOT_REACHED_REASON);
  }

  @Test
  void aCaseTheAdministratorAddedKeepsItsSlotOnAFullPanelAndACaseOnAnotherOpenPanelIsCarried() {
    List<AgendaCandidate> waiting = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      waiting.add(new AgendaCandidate(String.format("HI%02d-0001", i), "NEW", false, "HIGH", 5, List.of("soo")));
    }
    waiting.add(update("AD00-0001", 0));
    waiting.add(new AgendaCandidate("EL00-0001", "NEW", true, "HIGH", 99, List.of("soo")));
    Agenda agenda = builder.build(waiting, CAPACITY, RULES, Map.of(), List.of(), List.of("AD00-0001"),
        Map.of("EL00-0001", "On the agenda of another open panel"));

    assertThat(itemCodes(agenda)).first().isEqualTo("AD00-0001");
    assertThat(agenda.items().get(0).addedByAdmin()).isTrue();
    assertThat(itemCodes(agenda)).doesNotContain("EL00-0001").hasSize(12);
    assertThat(agenda.carriedOver()).filteredOn(c -> c.caseCode().equals("EL00-0001")).singleElement()
        .extracting(Agenda.CarriedOver::reason).isEqualTo("On the agenda of another open panel");
    assertThat(agenda.carriedOver()).hasSize(2);
  }
}
