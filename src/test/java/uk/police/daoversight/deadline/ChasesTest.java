package uk.police.daoversight.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.Test;

class ChasesTest {

  final Chases chases = new Chases(Duration.ofHours(24), 3);
  final Instant due = Instant.parse("2026-12-05T10:15:00Z");

  @Test
  void theFirstChaseIsAtTheDeadlineAndOneMoreEveryInterval() {
    assertThat(chases.at(due, due).number()).isEqualTo(1);
    assertThat(chases.at(due, due.plusSeconds(60)).lateness()).isEqualTo("just overdue");
    Chases.Chase second = chases.at(due, due.plus(Duration.ofHours(24)));
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.lateness()).isEqualTo("24 h late");
    assertThat(second.nextChase()).isEqualTo(due.plus(Duration.ofHours(48)));
    assertThat(chases.at(due, due.plus(Duration.ofHours(74))).lateness()).isEqualTo("3 days 2 h late");
  }

  @Test
  void afterTheSetNumberOfChasesTheDaLeadIsAsked() {
    assertThat(chases.at(due, due.plus(Duration.ofHours(71))).escalated()).isFalse();
    assertThat(chases.at(due, due.plus(Duration.ofHours(72))).escalated()).isTrue();
    assertThat(new Chases(Duration.ofHours(12), 1).at(due, due.plus(Duration.ofHours(12))).escalated()).isTrue();
  }

  @Test
  void theEngineReadsTheCycleAsAtTheDeadlineThenEveryInterval() throws Exception {
    String cycle = chases.cycleFrom(due);
    assertThat(cycle).isEqualTo("R/2026-12-05T10:15:00Z/PT24H");
    DurationHelper helper = new DurationHelper(cycle);
    assertThat(helper.getDateAfter(java.util.Date.from(due.minusSeconds(3600))).toInstant()).isEqualTo(due);
    assertThat(helper.getDateAfter(java.util.Date.from(due)).toInstant()).isEqualTo(due.plus(Duration.ofHours(24)));
  }

  @Test
  void aNonsenseSettingIsRefused() {
    assertThatThrownBy(() -> new Chases(Duration.ZERO, 3)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new Chases(Duration.ofHours(1), 0)).hasMessageContaining("at least one");
    assertThatThrownBy(() -> Deadlines.dates("2026-12-24, 24/12/2026")).hasMessageContaining("24/12/2026");
    assertThat(Deadlines.dates(" 2026-12-24 , 2026-12-31")).hasSize(2);
  }
}
