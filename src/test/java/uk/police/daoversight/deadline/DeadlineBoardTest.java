package uk.police.daoversight.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.police.daoversight.deadline.DeadlineBoard.Line;
import uk.police.daoversight.deadline.DeadlineBoard.OpenDeadline;

class DeadlineBoardTest {

  static final Instant NOW = Instant.parse("2031-03-11T10:00:00Z");

  static OpenDeadline open(String code, String task, Duration fromNow) {
    return new OpenDeadline("pi-" + code + "-" + task, code, task, NOW.plus(fromNow));
  }

  @Test
  void overdueAndDueWithinADayLatestFirstWithTheCasesSoos() {
    List<Line> lines = DeadlineBoard.lines(List.of(
        open("DA0000002", "updateCase", Duration.ofHours(5)),
        open("DA0000001", "contactVictim", Duration.ofHours(-26)),
        open("DA0000003", "completePanelAction", Duration.ofMinutes(-90)),
        open("DA0000004", "recordConferenceOutcome", Duration.ofHours(25)),
        open("DA0000005", "makeScheduledContact", Duration.ofDays(-3))),
        Map.of("DA0000001", List.of("soo1"), "DA0000005", List.of("soo2", "soo3")), NOW);

    assertThat(lines).extracting(Line::caseCode).containsExactly("DA0000005", "DA0000001", "DA0000003", "DA0000002");
    assertThat(lines.get(0)).isEqualTo(new Line("DA0000005", "Scheduled contact", List.of("soo2", "soo3"),
        "2031-03-08T10:00:00Z", 3 * 24 * 60, true, "pi-DA0000005-makeScheduledContact"));
    assertThat(lines.get(1).deadline()).isEqualTo("First contact (72 hours)");
    assertThat(lines.get(1).minutesLate()).isEqualTo(26 * 60);
    assertThat(lines.get(2).soos()).as("no SOO recorded").isEmpty();
    assertThat(lines.get(3)).satisfies(line -> {
      assertThat(line.overdue()).isFalse();
      assertThat(line.minutesLate()).as("minutes left").isEqualTo(-5 * 60);
      assertThat(line.deadline()).isEqualTo("Case update (28 days)");
    });
  }

  @Test
  void theEdgeOfTheDayIsInAndAMinuteBeyondIsOut() {
    List<Line> lines = DeadlineBoard.lines(List.of(
        open("DA0000001", "confirmSupportReferral", Duration.ofDays(1)),
        open("DA0000002", "approveClosure", Duration.ofDays(1).plusMinutes(1))), Map.of(), NOW);
    assertThat(lines).extracting(Line::caseCode).containsExactly("DA0000001");
    assertThat(lines.get(0).deadline()).isEqualTo("Referral to support services");
  }

  @Test
  void chasesAndTasksWithoutADeadlineAreNotDeadlines() {
    List<Line> lines = DeadlineBoard.lines(List.of(
        open("DA0000001", "chaseOverdueContact", Duration.ofHours(-1)),
        open("DA0000002", "reviewHistory", Duration.ofHours(-1)),
        new OpenDeadline("pi", "DA0000003", "contactVictim", null),
        new OpenDeadline("pi", null, "contactVictim", NOW)), Map.of(), NOW);
    assertThat(lines).isEmpty();
  }

  @Test
  void everyKindNamesItsTasksOnce() {
    assertThat(DeadlineKind.allTaskKeys()).doesNotHaveDuplicates().contains("readCasePack", "contactVictim",
        "makeScheduledContact", "updateCase", "completePanelAction", "recordConferenceOutcome");
    assertThat(DeadlineKind.ofTask("readCasePack")).contains(DeadlineKind.FIRST_CONTACT);
  }
}
