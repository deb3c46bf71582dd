package uk.police.daoversight.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.reporting.ForceFigures;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.victimscode.SupportReferralProcess;

/**
 * Issue #18 step 4: the Victims' Code clock for the referral to support services, 2 working days
 * from the report (England and Wales bank holidays), chased daily once missed, then escalated, and
 * stopped when the coordinators confirm it. Driven by the engine clock.
 */
@IntegrationTest
class SupportReferralProcessTest extends EngineTest {

  static final Duration DAY = Duration.ofHours(24);

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired ForceFigures figures;
  @Autowired TestRestTemplate rest;

  @Test
  void aFridayReportIsDueByTheEndOfTuesdayAndOverABankHolidayMondayByTheEndOfWednesday() {
    // Friday 3 September 2027, an ordinary week: Monday and Tuesday count; due at midnight ending Tuesday (BST).
    ProcessInstance ordinary = clockOf(reportedAt("2027-09-03T10:15:00Z"));
    Assertions.assertThat(task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, ordinary).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2027-09-07T23:00:00Z"));
    // Friday 27 August 2027: Monday 30 August is the summer bank holiday, so Tuesday and Wednesday count.
    ProcessInstance holiday = clockOf(reportedAt("2027-08-27T16:40:00Z"));
    Assertions.assertThat(task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, holiday).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2027-09-01T23:00:00Z"));
    Assertions.assertThat(job(SupportReferralProcess.SUPPORT_REFERRAL_LATE, holiday).getDuedate().toInstant())
        .as("the chase timer runs out with the clock").isEqualTo(Instant.parse("2027-09-01T23:00:00Z"));
  }

  @Test
  void aReferralConfirmedInTimeIsNeverChasedAndCountsAsOnTime() {
    ProcessInstance clock = clockOf(reportedAt("2028-03-06T09:00:00Z")); // a Monday: due end of Wednesday
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2028-03-08T15:00:00Z")));
    complete(task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, clock),
        withVariables("supportOutcome", "REFERRED", "supportService", "IDVA", "supportDate", "2028-03-07"));
    assertThat(clock).isEnded().hasPassed("recordSupportReferral", SupportReferralProcess.SUPPORT_REFERRAL_RECORDED)
        .hasNotPassed("countSupportReferralChase");
    Map<String, Object> row = jdbc.queryForMap("select outcome, service, decided_on from support_referral where case_code = ?",
        clock.getBusinessKey());
    Assertions.assertThat(row.get("OUTCOME")).isEqualTo("REFERRED");
    Assertions.assertThat(row.get("SERVICE")).isEqualTo("IDVA");
    Assertions.assertThat(row.get("DECIDED_ON").toString()).isEqualTo("2028-03-07");
    ForceFigures.Measure onTime = figures.compute(Instant.parse("2028-03-01T00:00:00Z"), Instant.parse("2028-04-01T00:00:00Z"))
        .get("supportReferralsOnTimePercent");
    Assertions.assertThat(onTime).isEqualTo(new ForceFigures.Measure(100.0, 1, false));
  }

  @Test
  void aMissedClockIsChasedDailyThenEscalatedAndStopsWhenConfirmed() {
    ProcessInstance clock = clockOf(reportedAt("2028-05-03T09:00:00Z")); // Wednesday: due end of Friday 5 May
    Instant due = Instant.parse("2028-05-05T23:00:00Z");
    ClockUtil.setCurrentTime(Date.from(due.minusSeconds(3600)));
    ForceFigures.Measure running = figures.compute(Instant.parse("2028-05-01T00:00:00Z"), Instant.parse("2028-06-01T00:00:00Z"))
        .get("supportReferralsOnTimePercent");
    Assertions.assertThat(running.base()).as("a clock still running is neither met nor missed").isZero();
    for (int chase = 1; chase <= 4; chase++) {
      Instant fires = due.plus(DAY.multipliedBy(chase - 1));
      Assertions.assertThat(job(SupportReferralProcess.SUPPORT_REFERRAL_LATE, clock).getDuedate().toInstant()).isEqualTo(fires);
      ClockUtil.setCurrentTime(Date.from(fires.plusSeconds(60)));
      execute(job(SupportReferralProcess.SUPPORT_REFERRAL_LATE, clock));
    }
    List<Task> chases = tasks(clock, SupportReferralProcess.CHASE_SUPPORT_REFERRAL);
    List<Task> escalations = tasks(clock, SupportReferralProcess.ESCALATE_SUPPORT_REFERRAL);
    Assertions.assertThat(chases).hasSize(3).allSatisfy(t -> Assertions.assertThat(t.getName())
        .contains(clock.getBusinessKey()).contains("referral to support services"));
    Assertions.assertThat(escalations).hasSize(1);
    Assertions.assertThat(taskService.getIdentityLinksForTask(escalations.get(0).getId())).extracting(l -> l.getGroupId())
        .containsExactly("panel-chair");
    Assertions.assertThat(task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, clock)).as("the duty itself stays open").isNotNull();
    ForceFigures.Measure missed = figures.compute(Instant.parse("2028-05-01T00:00:00Z"), Instant.parse("2028-06-01T00:00:00Z"))
        .get("supportReferralsOnTimePercent");
    Assertions.assertThat(missed).isEqualTo(new ForceFigures.Measure(0.0, 1, false));

    complete(task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, clock),
        withVariables("supportOutcome", "DECLINED", "supportDate", "2028-05-08"));
    assertThat(clock).isEnded();
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(clock.getId()).count()).as("every open chase ended").isZero();
  }

  @Test
  void anAnswerTheRulesRefuseIsToldInASentenceAndTheTaskStaysOpen() {
    ProcessInstance clock = clockOf(reportedAt("2028-06-05T09:00:00Z"));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2028-06-06T09:00:00Z")));
    Task confirm = task(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL, clock);
    refused(confirm, Map.of("supportOutcome", "REFERRED", "supportDate", "2028-06-06"), "which service");
    refused(confirm, Map.of("supportOutcome", "REFERRED", "supportService", "IDVA", "supportDate", "2028-06-09"), "future");
    refused(confirm, Map.of("supportOutcome", "REFERRED", "supportService", "IDVA", "supportDate", "2028-06-01"), "before the report");
    refused(confirm, Map.of("supportOutcome", "MAYBE", "supportDate", "2028-06-06"), "referred to support services or declined");
    refused(confirm, Map.of("supportOutcome", "DECLINED", "supportDate", "next week"), "not a date");
    // Through engine-rest, as Tasklist sends it: a 400 without engine text, nothing stored.
    ResponseEntity<String> answer = rest.withBasicAuth("coordinator", "demo").postForEntity("/engine-rest/task/" + confirm.getId()
        + "/complete", Map.of("variables", Map.of("supportOutcome", Map.of("value", "REFERRED", "type", "String"),
            "supportDate", Map.of("value", "2028-06-06", "type", "String"))), String.class);
    Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(answer.getBody()).doesNotContain("at org.").doesNotContain("ENGINE-");
    Assertions.assertThat(runtimeService.getVariable(clock.getId(), "supportOutcome")).isNull();
    assertThat(clock).isWaitingAt(SupportReferralProcess.CONFIRM_SUPPORT_REFERRAL);
    Assertions.assertThat(jdbc.queryForObject("select count(*) from support_referral where case_code = ? and recorded_at is null",
        Integer.class, clock.getBusinessKey())).isEqualTo(1);
  }

  private void refused(Task task, Map<String, Object> answer, String reason) {
    Assertions.assertThatThrownBy(() -> taskService.complete(task.getId(), answer))
        .hasRootCauseInstanceOf(BadUserRequestException.class).rootCause().hasMessageContaining(reason);
    Assertions.assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("still open").isEqualTo(1);
  }

  private Instant reportedAt(String instant) {
    return Instant.parse(instant);
  }

  /** A case referred at {@code at}: the support clock it starts. */
  private ProcessInstance clockOf(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    ProcessInstance pi = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH"));
    ProcessInstance clock = runtimeService.createProcessInstanceQuery().processDefinitionKey(SupportReferralProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    Assertions.assertThat(clock).as("the case starts its support referral clock").isNotNull();
    Assertions.assertThat(runtimeService.getVariable(clock.getId(), "caseCode")).isEqualTo(pi.getBusinessKey());
    return clock;
  }

  private List<Task> tasks(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).list();
  }
}
