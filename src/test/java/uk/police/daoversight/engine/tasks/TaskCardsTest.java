package uk.police.daoversight.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskCardsTest {

  @Test
  void theCaseCodeFollowsTheStepOnce() {
    assertThat(TaskCards.name("Review history", "6JTG-RAAW")).isEqualTo("Review history · 6JTG-RAAW");
    assertThat(TaskCards.name("Chase overdue SOO contact: 6JTG-RAAW, soo1, 1 day late", "6JTG-RAAW"))
        .as("a name that already says the case").isEqualTo("Chase overdue SOO contact: 6JTG-RAAW, soo1, 1 day late");
    assertThat(TaskCards.name(null, "6JTG-RAAW")).isEqualTo("6JTG-RAAW");
    assertThat(TaskCards.name("Prepare the agenda", null)).isEqualTo("Prepare the agenda");
  }

  @Test
  void higherRiskSortsFirst() {
    assertThat(TaskCards.priority("HIGH")).isGreaterThan(TaskCards.priority("MEDIUM"));
    assertThat(TaskCards.priority("MEDIUM")).isGreaterThan(TaskCards.priority("STANDARD"));
    assertThat(TaskCards.priority(null)).isEqualTo(TaskCards.DEFAULT_PRIORITY);
    assertThat(TaskCards.priority("SOMETHING ELSE")).isEqualTo(TaskCards.DEFAULT_PRIORITY);
  }
}
