package uk.police.daoversight.panel;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
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
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Every path of {@code scrutinyPanel}, with real cases waiting for it. */
@IntegrationTest
class ScrutinyPanelProcessTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired PanelCandidates candidates;
  @Autowired BreakoutRoom breakoutRoom;
  @Autowired JdbcTemplate jdbc;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
    // Each test brings its own waiting cases: the panel takes every case waiting.
    jdbc.update("delete from panel_candidate");
  }

  @Test
  void thePanelIsDueOnTheFirstTuesdayOfEachMonthAtTen() {
    Job timer = managementService.createJobQuery().processDefinitionKey("panelCalendar").timers().singleResult();
    LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());

    Assertions.assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    Assertions.assertThat(due.getDayOfMonth()).isLessThanOrEqualTo(7);
    Assertions.assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(10, 0));
    LocalDate firstTuesdayThisMonth = LocalDate.now().with(TemporalAdjusters.firstInMonth(DayOfWeek.TUESDAY));
    Assertions.assertThat(due.toLocalDate()).isIn(firstTuesdayThisMonth,
        LocalDate.now().plusMonths(1).with(TemporalAdjusters.firstInMonth(DayOfWeek.TUESDAY)));
  }

  @Test
  void theMonthlyTimerCallsAPanel() {
    List<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
        .stream().map(ProcessInstance::getId).toList();
    Job timer = managementService.createJobQuery().processDefinitionKey("panelCalendar").timers().singleResult();
    managementService.executeJob(timer.getId());

    List<ProcessInstance> started = runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
        .stream().filter(p -> !before.contains(p.getId())).toList();
    Assertions.assertThat(started).hasSize(1);
    ProcessInstance panel = started.get(0);
    assertThat(panel).hasPassed("panelCalled").isWaitingAt("draftAgenda");
    Assertions.assertThat(runtimeService.createProcessInstanceQuery()
        .subProcessInstanceId(panel.getId()).singleResult().getProcessDefinitionId()).startsWith("panelCalendar:");
    Assertions.assertThat(managementService.createJobQuery().processDefinitionKey("panelCalendar").timers().count())
        .as("the next month's timer").isEqualTo(1);
    runtimeService.deleteProcessInstance(runtimeService.createProcessInstanceQuery().subProcessInstanceId(panel.getId())
        .singleResult().getId(), "test: panel not held");
  }

  @Test
  void aPublishedAgendaOpensTheBreakoutRoomOutcomesReachTheCasesAndClosingEndsAllAccess() {
    List<ProcessInstance> cases = List.of(panelCase("HIGH"), panelCase("STANDARD"));
    String soo0 = (String) runtimeService.getVariable(cases.get(0).getId(), "allocatedSoo");

    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    String agenda = (String) runtimeService.getVariable(panel.getId(), "agendaSummary");
    Assertions.assertThat(agenda).contains(cases.get(0).getBusinessKey(), cases.get(1).getBusinessKey(), "NEW", "15 min");
    Assertions.assertThat(agenda.indexOf(cases.get(0).getBusinessKey())).as("high risk first")
        .isLessThan(agenda.indexOf(cases.get(1).getBusinessKey()));
    Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), cases.get(0).getBusinessKey())).isFalse();

    publish(panel);
    for (ProcessInstance c : cases) {
      Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), c.getBusinessKey())).isTrue();
      Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), c.getBusinessKey())).isTrue();
    }
    Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), cases.get(0).getBusinessKey())).isTrue();
    String soo1 = (String) runtimeService.getVariable(cases.get(1).getId(), "allocatedSoo");
    if (!soo1.equals(soo0)) {
      Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), cases.get(1).getBusinessKey()))
          .as("a SOO sees only their own case").isFalse();
    }

    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 2L, "partnerAgencyNames", "IDVA service, refuge"));
    List<Task> reviews = taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome").list();
    Assertions.assertThat(reviews).hasSize(2);
    for (Task review : reviews) {
      Assertions.assertThat(taskService.getVariable(review.getId(), "themeOptions").toString()).contains("Sympathy for the perpetrator");
      Map<String, Object> outcome = outcome("Ask the OIC to update the victim weekly");
      outcome.put("themes", List.of("updatesWithheld"));
      complete(review, outcome);
    }
    for (Job send : managementService.createJobQuery().processInstanceId(panel.getId()).activityId("sendOutcome").list()) {
      execute(send);
    }
    execute(job("closeMeeting", panel));

    assertThat(panel).isEnded().hasPassed("panelClosed");
    for (ProcessInstance c : cases) {
      assertThat(c).isWaitingAt("completePanelAction");
      Assertions.assertThat(candidates.isWaiting(c.getBusinessKey())).as("seen").isFalse();
      Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), c.getBusinessKey())).isFalse();
      Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), c.getBusinessKey())).isFalse();
    }
    Assertions.assertThat(jdbc.queryForObject("select partner_agencies_attending from panel_meeting where id = ?", Integer.class, panelId))
        .isEqualTo(2);
    Assertions.assertThat(jdbc.queryForObject("select count(*) from outcome_theme t join panel_outcome o on o.id = t.outcome_id "
        + "where o.meeting_id = ? and t.theme_id = 'updatesWithheld'", Integer.class, panelId)).isEqualTo(2);
  }

  @Test
  void casesThatDoNotFitAreCarriedOverWithTheReasonNeverDropped() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      String code = String.format("OVF%d-%04d", i % 10, i);
      candidates.list(code, PanelCandidates.NEW, false, "STANDARD");
      codes.add(code);
    }
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");

    Assertions.assertThat(jdbc.queryForObject("select sum(slot_minutes) from panel_agenda_item where meeting_id = ?", Integer.class, panelId))
        .isEqualTo(180);
    Assertions.assertThat(jdbc.queryForObject("select count(*) from panel_agenda_item where meeting_id = ?", Integer.class, panelId))
        .isEqualTo(12);
    String carried = (String) runtimeService.getVariable(panel.getId(), "carriedOverSummary");
    Assertions.assertThat(carried).contains("Panel full: 180 of 180 minutes used");
    runtimeService.deleteProcessInstance(panel.getId(), "test");
    Assertions.assertThat(candidates.waiting()).extracting(PanelCandidates.Waiting::caseCode).containsAll(codes);
  }

  @Test
  void aBacklogLongerThanTheEnginesTextColumnStillDraftsTheAgendaAndCountsTheRest() {
    for (int i = 0; i < 150; i++) {
      candidates.list(String.format("BIG%d-%04d", i % 10, i), PanelCandidates.NEW, false, "STANDARD");
    }
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");

    assertThat(panel).isWaitingAt("prepareAgenda");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from panel_carried_over where meeting_id = ?", Integer.class, panelId))
        .isEqualTo(138);
    String carried = (String) runtimeService.getVariable(panel.getId(), "carriedOverSummary");
    Assertions.assertThat(carried.length()).isLessThanOrEqualTo(4_000);
    Assertions.assertThat(carried).startsWith("BIG").containsPattern("\\.\\.\\. and \\d+ more cases carried over to the next panel \\(138 in all\\)$");
    runtimeService.deleteProcessInstance(panel.getId(), "test");
  }

  @Test
  void theAdministratorDefersACaseWithAReasonAndAnUnknownCaseIsRefused() {
    ProcessInstance deferredCase = panelCase("MEDIUM");
    ProcessInstance otherCase = panelCase("MEDIUM");
    ProcessInstance panel = callPanel();

    complete(task("prepareAgenda", panel), withVariables("deferCases", deferredCase.getBusinessKey() + ": SOO on leave", "agendaReady", false));
    execute(job("reviseAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    Assertions.assertThat((String) runtimeService.getVariable(panel.getId(), "carriedOverSummary"))
        .contains(deferredCase.getBusinessKey()).contains("Deferred by the administrator: SOO on leave");
    Assertions.assertThat((String) runtimeService.getVariable(panel.getId(), "agendaSummary"))
        .contains(otherCase.getBusinessKey()).doesNotContain(deferredCase.getBusinessKey());

    complete(task("prepareAgenda", panel), withVariables("deferCases", "ZZZZ-ZZZZ: typo", "agendaReady", true));
    execute(job("publishAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda").hasPassed("publicationRefused");
    Assertions.assertThat((String) runtimeService.getVariable(panel.getId(), "agendaProblem")).contains("ZZZZ-ZZZZ");
    runtimeService.deleteProcessInstance(panel.getId(), "test");
    Assertions.assertThat(candidates.isWaiting(deferredCase.getBusinessKey())).isTrue();
  }

  @Test
  void aCaseTheChairWantsBackIsFirstAtTheNextPanel() {
    ProcessInstance broughtBack = panelCase("STANDARD");
    holdPanel(Map.of("bringBack", true));
    ProcessInstance newHighRisk = panelCase("HIGH");

    Assertions.assertThat(candidates.waiting()).filteredOn(w -> w.caseCode().equals(broughtBack.getBusinessKey()))
        .singleElement().satisfies(w -> {
          Assertions.assertThat(w.reviewType()).isEqualTo("UPDATE");
          Assertions.assertThat(w.requestedBack()).isTrue();
        });
    assertThat(broughtBack).isWaitingAt("updateCase");
    Assertions.assertThat(runtimeService.getVariable(broughtBack.getId(), "panelRequestedReturn")).isEqualTo(true);

    ProcessInstance next = callPanel();
    String agenda = (String) runtimeService.getVariable(next.getId(), "agendaSummary");
    Assertions.assertThat(agenda.indexOf(broughtBack.getBusinessKey())).isLessThan(agenda.indexOf(newHighRisk.getBusinessKey()));
    Assertions.assertThat(agenda).contains("UPDATE  10 min");
    runtimeService.deleteProcessInstance(next.getId(), "test");
  }

  @Test
  void thePanelCanEscalateACaseToACaseConference() {
    ProcessInstance escalated = panelCase("HIGH");
    holdPanel(Map.of("escalateToConference", true));

    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(escalated.getBusinessKey()).count()).isEqualTo(1);
  }

  @Test
  void bothSoosOfACounterAllegationShareOneSlot() {
    ProcessInstance dual = driver.start(Referrals.with(Referrals.policeVictim("IDVA"), true, List.of()));
    driver.reviewHistory(dual);
    driver.allocateAsRecommended(dual);
    String first = (String) runtimeService.getVariable(dual.getId(), "allocatedSoo");
    String second = (String) runtimeService.getVariable(dual.getId(), "allocatedSecondSoo");
    candidates.list(dual.getBusinessKey(), PanelCandidates.UPDATE, false, "MEDIUM");

    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    List<Map<String, Object>> items = jdbc.queryForList("select * from panel_agenda_item where meeting_id = ?", panelId);
    Assertions.assertThat(items).singleElement().satisfies(item -> {
      Assertions.assertThat(item.get("SOOS").toString().split(",")).containsExactlyInAnyOrder(first, second);
      Assertions.assertThat(item.get("SLOT_MINUTES")).isEqualTo(10);
    });
    runtimeService.deleteProcessInstance(panel.getId(), "test");
  }

  // ---- steps

  ProcessInstance panelCase(String risk) {
    ReferralRequest r = Referrals.policeVictim("MASH");
    ProcessInstance pi = driver.start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null), List.of(), risk,
        false, false, false));
    driver.reviewHistory(pi);
    driver.readCasePack(pi, driver.allocateAsRecommended(pi));
    driver.contact(pi, "DECLINED", null);
    return pi;
  }

  ProcessInstance callPanel() {
    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel");
    assertThat(panel).hasPassed("panelCalled");
    execute(job("draftAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    return panel;
  }

  void publish(ProcessInstance panel) {
    complete(task("prepareAgenda", panel), withVariables("agendaReady", true));
    execute(job("publishAgenda", panel));
    assertThat(panel).isWaitingAt("recordAttendance");
  }

  /** A whole panel where every case gets the same outcome. */
  void holdPanel(Map<String, Object> decision) {
    ProcessInstance panel = callPanel();
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 1L));
    for (Task review : taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome").list()) {
      Map<String, Object> outcome = outcome(null);
      outcome.putAll(decision);
      complete(review, outcome);
    }
    for (Job send : managementService.createJobQuery().processInstanceId(panel.getId()).activityId("sendOutcome").list()) {
      execute(send);
    }
    execute(job("closeMeeting", panel));
    assertThat(panel).isEnded();
  }

  static Map<String, Object> outcome(String action) {
    Map<String, Object> outcome = new HashMap<>();
    outcome.put("directionForVictim", "Offer IDVA support again");
    outcome.put("directionForInvestigation", "Review the investigation plan");
    outcome.put("action1What", action);
    outcome.put("action1Owner", action == null ? null : "OIC");
    outcome.put("action1Due", action == null ? null : LocalDate.now().plusDays(14).toString());
    outcome.put("individualLearning", "Record the victim's safe-contact preferences first");
    return outcome;
  }
}
