package uk.police.daoversight.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.util.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.closure.PanelActions;
import uk.police.daoversight.closure.PanelOutcomes;
import uk.police.daoversight.deadline.WorkingDays;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * Issue #18: deadlines that always run. Driven by the engine clock (no sleeps): the 72 hours run
 * from allocation whatever the SOO opens, are chased at the deadline and every chase interval
 * (PT24H by default), go to the DA lead after 3 chases, and stop when the thing is done.
 */
@IntegrationTest
class DeadlinesProcessTest extends EngineTest {

  static final Duration DAY = Duration.ofHours(24);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired PanelOutcomes panelOutcomes;
  @Autowired TestRestTemplate rest;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
  }

  @Test
  void aCaseWhosePackIsNeverOpenedIsChasedAtSeventyTwoHoursThenDailyThenEscalated() {
    ProcessInstance pi = driver.start(Referrals.policeVictim("LINE_MANAGER"));
    driver.reviewHistory(pi);
    Date allocatedAt = ClockUtil.getCurrentTime();
    String soo = driver.allocateAsRecommended(pi);
    Date due = new Date(allocatedAt.getTime() + Duration.ofHours(72).toMillis());

    // The SOO's first task shows the deadline; the timer runs from allocation (Cockpit shows it).
    Task pack = task("readCasePack", pi);
    Assertions.assertThat(pack.getAssignee()).isEqualTo(soo);
    Assertions.assertThat(pack.getDueDate()).isEqualTo(due);
    Assertions.assertThat(job("contactOverdue", pi).getDuedate()).isEqualTo(due);
    Assertions.assertThat(overdueReadCasePacks(pi)).isZero();

    for (int chase = 1; chase <= 5; chase++) {
      Date fires = new Date(due.getTime() + (chase - 1) * DAY.toMillis());
      Job timer = job("contactOverdue", pi);
      Assertions.assertThat(timer.getDuedate()).as("chase %d", chase).isEqualTo(fires);
      ClockUtil.setCurrentTime(new Date(fires.getTime() + 60_000));
      Assertions.assertThat(overdueReadCasePacks(pi)).isEqualTo(1);
      execute(timer);

      boolean escalated = chase > 3;
      String key = escalated ? "escalateOverdueContact" : "chaseOverdueContact";
      List<Task> chases = tasks(pi, key);
      Task latest = chases.stream().max((a, b) -> a.getCreateTime().compareTo(b.getCreateTime())).orElseThrow();
      Assertions.assertThat(latest.getName()).contains(pi.getBusinessKey()).contains("SOO " + soo)
          .contains("(chase " + chase + ")").contains(chase == 1 ? "just overdue" : (chase == 2 ? "24 h late" : "days"));
      Assertions.assertThat(latest.getDueDate()).isEqualTo(new Date(fires.getTime() + DAY.toMillis()));
      Assertions.assertThat(taskService.getIdentityLinksForTask(latest.getId())).extracting(l -> l.getGroupId())
          .containsExactly(escalated ? "panel-chair" : "case-coordinators");
      // The SOO's own work is never blocked: the pack is still theirs to open.
      Assertions.assertThat(task("readCasePack", pi).getAssignee()).isEqualTo(soo);
      if (chase == 1) {
        complete(latest, withVariables("overdueChaseNote", "SOO on a course, contact tomorrow"));
      }
    }
    Assertions.assertThat(tasks(pi, "chaseOverdueContact")).hasSize(2);
    Assertions.assertThat(tasks(pi, "escalateOverdueContact")).hasSize(2);

    // Contact made: the stage ends, the timer goes and every open chase is cancelled.
    driver.readCasePack(pi, soo);
    driver.contact(pi, "ENGAGED", "P14D");
    assertThat(pi).isWaitingAt("updateCase", "nextContactDue").hasPassed("victimReachedEnd");
    Assertions.assertThat(tasks(pi, "chaseOverdueContact")).isEmpty();
    Assertions.assertThat(tasks(pi, "escalateOverdueContact")).isEmpty();
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isZero();
  }

  @Test
  void aCaseContactedAtHourSeventyOneIsNeverChased() {
    ProcessInstance pi = driver.toFirstContact(Referrals.policeVictim("CALL_999"));
    Date due = job("contactOverdue", pi).getDuedate();
    ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofHours(1).toMillis()));
    driver.contact(pi, "DECLINED", null);

    assertThat(pi).isWaitingAt("updateCase").hasNotPassed("contactOverdue", "countContactChase", "chaseOverdueContact");
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId("contactOverdue").count()).isZero();
    ClockUtil.setCurrentTime(new Date(due.getTime() + 10 * DAY.toMillis()));
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().executable()
        .list()).extracting(Job::getId).isEmpty();
  }

  @Test
  void aMissedScheduledContactIsChasedThenEscalatedAndStopsWhenMade() {
    ProcessInstance pi = driver.toFirstContact(Referrals.policeVictim("IOPC"));
    driver.contact(pi, "ENGAGED", "P7D");
    Job next = job("nextContactDue", pi);
    ClockUtil.setCurrentTime(next.getDuedate());
    execute(next);

    Date due = new Date(next.getDuedate().getTime() + Duration.ofDays(2).toMillis());
    Assertions.assertThat(task("makeScheduledContact", pi).getDueDate()).isEqualTo(due);
    chaseFourTimes(pi, "scheduledContactMissed", due, "chaseScheduledContact", "escalateScheduledContact", "scheduled contact");

    complete(task("makeScheduledContact", pi), withVariables("scheduledContactMade", true, "contactNote", "Victim updated"));
    assertThat(pi).hasPassed("scheduledContactRecordedEnd");
    noChaseLeft(pi, "scheduledContactMissed", "chaseScheduledContact", "escalateScheduledContact");
    execute(job("fileScheduledContact", pi));
    assertThat(pi).isWaitingAt("updateCase", "nextContactDue");
  }

  @Test
  void anOverduePanelActionIsChasedThenEscalatedAndStopsWhenDone() {
    ProcessInstance pi = driver.toOversight(Referrals.policeVictim("MASH"));
    LocalDate dueDay = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDays.FORCE_ZONE).plusDays(3);
    panelOutcomes.record(PanelOutcomes.Outcome.of(pi.getBusinessKey(),
        List.of(new PanelActions.NewAction("Ask the investigator to update the victim weekly", "OIC", dueDay)), false));
    Date due = Date.from(dueDay.plusDays(1).atStartOfDay(WorkingDays.FORCE_ZONE).toInstant());
    Assertions.assertThat(task("completePanelAction", pi).getDueDate()).isEqualTo(due);

    chaseFourTimes(pi, "panelActionOverdue", due, "chaseOverdueAction", "escalateOverdueAction", "panel action");

    complete(task("completePanelAction", pi), withVariables("actionDone", true, "actionNote", "Weekly updates agreed"));
    assertThat(pi).hasPassed("panelActionDone", "panelActionsComplete");
    noChaseLeft(pi, "panelActionOverdue", "chaseOverdueAction", "escalateOverdueAction");
  }

  @Test
  void aMissingCaseUpdateIsChasedThenEscalatedAndStopsWithTheUpdate() {
    ProcessInstance pi = driver.toOversight(Referrals.policeVictim("COLLEAGUE"));
    Date due = new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(28).toMillis());
    Assertions.assertThat(task("updateCase", pi).getDueDate()).isEqualTo(due);

    chaseFourTimes(pi, "updateOverdue", due, "chaseCaseUpdate", "escalateCaseUpdate", "case update");

    driver.update(pi, false, Map.of());
    Assertions.assertThat(tasks(pi, "chaseCaseUpdate")).isEmpty();
    Assertions.assertThat(tasks(pi, "escalateCaseUpdate")).isEmpty();
    Assertions.assertThat(job("updateOverdue", pi).getDuedate())
        .isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(28).toMillis()));
  }

  @Test
  void aConferenceDatedInThePastIsRefusedAndAnAcceptedOneGivesTheOutcomeItsDueDate() {
    ProcessInstance theCase = driver.start(Referrals.policeVictim("PSD"));
    driver.reviewHistory(theCase);
    driver.allocateAsRecommended(theCase);
    ProcessInstance conference = runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(theCase.getBusinessKey()).singleResult();
    Task schedule = task("scheduleConference", conference);
    String yesterday = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDays.FORCE_ZONE).minusDays(1) + "T10:00";

    Assertions.assertThatThrownBy(() -> taskService.complete(schedule.getId(), Map.of("conferenceDate", yesterday)))
        .hasRootCauseInstanceOf(BadUserRequestException.class).hasRootCauseMessage("A case conference cannot be dated in the past");
    Assertions.assertThatThrownBy(() -> taskService.complete(schedule.getId(), Map.of("conferenceDate", "next week")))
        .hasRootCauseInstanceOf(BadUserRequestException.class).rootCause().hasMessageStartingWith("Give the conference date");
    // The same refusal through engine-rest (what Tasklist calls): a 400 without engine text, nothing
    // stored (EngineErrorAnswer words it generically; Tasklist's form refuses a past date first).
    ResponseEntity<String> answer = rest.withBasicAuth("coordinator", "demo").postForEntity("/engine-rest/task/" + schedule.getId()
        + "/complete", Map.of("variables", Map.of("conferenceDate", Map.of("value", yesterday, "type", "String"))), String.class);
    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(answer.getBody()).contains("refused").doesNotContain("at org.").doesNotContain("ENGINE-");
    assertThat(conference).isWaitingAt("scheduleConference");
    Assertions.assertThat(runtimeService.getVariable(conference.getId(), "conferenceDate")).isNull();

    LocalDate friday = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), WorkingDays.FORCE_ZONE).plusDays(7)
        .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.FRIDAY));
    taskService.complete(schedule.getId(), Map.of("conferenceDate", friday + "T10:00"));
    Task outcome = task("recordConferenceOutcome", conference);
    LocalDate lastDay = new WorkingDays(List.of()).addWorkingDays(friday, 1);
    Assertions.assertThat(lastDay.getDayOfWeek()).isIn(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY);
    Assertions.assertThat(outcome.getDueDate()).isEqualTo(Date.from(lastDay.plusDays(1).atStartOfDay(WorkingDays.FORCE_ZONE).toInstant()));
  }

  @Test
  void closureApprovalIsDueWithinFiveWorkingDays() {
    ProcessInstance pi = driver.toOversight(Referrals.policeVictim("CALL_999"));
    driver.update(pi, true, CaseDriver.assurance());
    Task approve = task("approveClosure", pi);
    Date expected = Date.from(new WorkingDays(List.of()).dueBy(ClockUtil.getCurrentTime().toInstant(), 5));
    Assertions.assertThat(approve.getDueDate()).isEqualTo(expected);
  }

  /** Chases 1-3 go to the coordinators a chase interval apart, the 4th to the DA lead; none is closed. */
  void chaseFourTimes(ProcessInstance pi, String timerId, Date due, String chaseKey, String escalationKey, String what) {
    for (int chase = 1; chase <= 4; chase++) {
      Job timer = job(timerId, pi);
      Date fires = new Date(due.getTime() + (chase - 1) * DAY.toMillis());
      Assertions.assertThat(timer.getDuedate()).as("%s chase %d", what, chase).isEqualTo(fires);
      ClockUtil.setCurrentTime(fires);
      execute(timer);
    }
    Assertions.assertThat(tasks(pi, chaseKey)).hasSize(3).allSatisfy(t -> {
      Assertions.assertThat(t.getName()).contains(pi.getBusinessKey()).contains(what);
      Assertions.assertThat(taskService.getIdentityLinksForTask(t.getId())).extracting(l -> l.getGroupId()).containsExactly("case-coordinators");
    });
    Assertions.assertThat(tasks(pi, escalationKey)).singleElement().satisfies(t -> {
      Assertions.assertThat(t.getName()).contains(pi.getBusinessKey()).contains("3 days 0 h late").contains("(chase 4)");
      Assertions.assertThat(t.getDueDate()).isEqualTo(new Date(due.getTime() + 4 * DAY.toMillis()));
      Assertions.assertThat(taskService.getIdentityLinksForTask(t.getId())).extracting(l -> l.getGroupId()).containsExactly("panel-chair");
    });
  }

  void noChaseLeft(ProcessInstance pi, String timerId, String chaseKey, String escalationKey) {
    Assertions.assertThat(tasks(pi, chaseKey)).isEmpty();
    Assertions.assertThat(tasks(pi, escalationKey)).isEmpty();
    Assertions.assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId(timerId).count()).isZero();
  }

  /** What the coordinators' overdue list and Tasklist's due colouring read: tasks past their due date. */
  long overdueReadCasePacks(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("readCasePack")
        .dueBefore(ClockUtil.getCurrentTime()).count();
  }

  List<Task> tasks(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
  }
}
