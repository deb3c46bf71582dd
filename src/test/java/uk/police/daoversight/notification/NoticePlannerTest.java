package uk.police.daoversight.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is told what, from the task's facts alone. */
class NoticePlannerTest {

  static final Instant DUE = Instant.parse("2027-01-08T10:00:00Z");

  static NoticePlanner.TaskFacts facts(String event, String key, String step, String assignee, List<String> candidates,
                                       List<String> members, String acting) {
    return new NoticePlanner.TaskFacts(event, "t1", key, step, "K7Q4-M2XD", DUE, assignee, candidates, members, acting);
  }

  static List<Notice> plan(NoticePlanner.TaskFacts facts, List<String> soos, NoticePlanner.Overdue overdue) {
    return NoticePlanner.plan(facts, soos, overdue, id -> "https://x/tasklist?task=" + id);
  }

  @Test
  void theSooAssignedTheCasePackIsToldOfTheAllocation() {
    List<Notice> notices = plan(facts("assignment", "readCasePack", "Read case pack", "soo1", List.of(), List.of(), "coordinator"),
        List.of(), null);
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.recipient()).isEqualTo("soo1");
      assertThat(n.kind()).isEqualTo(NoticeKind.ALLOCATION);
      assertThat(n.caseCode()).isEqualTo("K7Q4-M2XD");
      assertThat(n.stepName()).isEqualTo("Read case pack");
      assertThat(n.dueAt()).isEqualTo(DUE);
      assertThat(n.link()).isEqualTo("https://x/tasklist?task=t1");
    });
  }

  @Test
  void nobodyIsToldOfWhatTheyDidThemselvesSuchAsAClaim() {
    assertThat(plan(facts("assignment", "updateCase", "Update case update form", "soo1", List.of(), List.of(), "soo1"),
        List.of(), null)).isEmpty();
    assertThat(plan(facts("create", "updateCase", "Update case update form", null, List.of("soo1"), List.of(), "soo1"),
        List.of(), null)).isEmpty();
    assertThat(plan(facts("assignment", "updateCase", "Update case update form", null, List.of(), List.of(), null),
        List.of(), null)).as("unassigned").isEmpty();
  }

  @Test
  void tasksOfferedByNameGoToEachPersonOnceAndTheGroupQueueIsNotMailed() {
    assertThat(plan(facts("create", "completePanelAction", "Complete panel action", null, List.of("soo1", "soo2", "soo1"),
        List.of(), null), List.of(), null)).extracting(Notice::recipient, Notice::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("soo1", NoticeKind.TASK), org.assertj.core.groups.Tuple.tuple("soo2", NoticeKind.TASK));
    assertThat(plan(facts("create", "allocateSoo", "Allocate SOO", null, List.of(), List.of("coordinator"), null),
        List.of(), null)).isEmpty();
  }

  @Test
  void aChaseGoesToEachMemberOfItsGroupAndTellsTheSooTheirOwnStepIsOverdue() {
    Instant deadline = Instant.parse("2027-01-05T10:00:00Z");
    List<Notice> notices = plan(facts("create", "chaseOverdueContact", "Chase overdue SOO contact", null, List.of(),
        List.of("coordinator", "coord2"), null), List.of("soo3"), new NoticePlanner.Overdue("Contact victim", deadline, "t0"));
    assertThat(notices).extracting(Notice::recipient).containsExactly("coordinator", "coord2", "soo3");
    assertThat(notices.subList(0, 2)).allSatisfy(n -> {
      assertThat(n.kind()).isEqualTo(NoticeKind.CHASE);
      assertThat(n.stepName()).isEqualTo("Chase overdue SOO contact");
      assertThat(n.link()).endsWith("task=t1");
    });
    Notice soo = notices.get(2);
    assertThat(soo.kind()).isEqualTo(NoticeKind.OVERDUE);
    assertThat(soo.stepName()).isEqualTo("Contact victim");
    assertThat(soo.dueAt()).isEqualTo(deadline);
    assertThat(soo.link()).endsWith("task=t0");
  }

  @Test
  void aChaseAssignedLaterIsAPlainTask() {
    assertThat(plan(facts("assignment", "chaseOverdueContact", "Chase overdue SOO contact", "coord2", List.of(), List.of(),
        "coordinator"), List.of("soo3"), null)).extracting(Notice::recipient, Notice::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("coord2", NoticeKind.TASK));
  }
}
