package uk.police.daoversight.panel;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.time.LocalDateTime;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.engine.forms.FormInputRefusedException;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.OpenPanels;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Every path of {@code scrutinyPanel}, with real cases waiting for it. */
@IntegrationTest
public class ScrutinyPanelProcessTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired PanelCandidates candidates;
  @Autowired BreakoutRoom breakoutRoom;
  @Autowired JdbcTemplate jdbc;
  @Autowired PanelMeetings meetings;
  @Autowired PanelSettings settings;

  CaseDriver driver;

  @BeforeEach
  void init() {
    driver = new CaseDriver(runtimeService);
    ClockUtil.setCurrentTime(new Date());
    // Each test brings its own waiting cases: the panel takes every case waiting.
    jdbc.update("delete from panel_candidate");
    OpenPanels.withdrawAll(runtimeService);
  }

  /** A panel left running would hold its date for the next test: each is ended, which cancels its meeting. */
  @AfterEach
  void endOpenPanels() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test over"));
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
    PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow();
    // Attendance names the people present from the lists; each acknowledges confidentiality for this meeting.
    Task attendance = task("recordAttendance", panel);
    Assertions.assertThat(taskService.getVariable(attendance.getId(), "memberOptions").toString())
        .contains("\"value\":\"panel1\"", "panel member", "\"value\":\"chair\"", "\"value\":\"psd1\"")
        .doesNotContain("partner1");
    Assertions.assertThat(taskService.getVariable(attendance.getId(), "partnerOptions").toString()).contains("\"value\":\"partner1\"");
    complete(attendance, withVariables("membersPresent", List.of("panel1", "psd1"), "partnersPresent", List.of("partner1"),
        "partnerAgenciesAttending", 2L, "partnerAgencyNames", "IDVA service, refuge"));
    List<Task> acknowledgements = taskService.createTaskQuery().processInstanceId(panel.getId())
        .taskDefinitionKey(ScrutinyPanelProcess.ACKNOWLEDGE_CONFIDENTIALITY).orderByTaskAssignee().asc().list();
    Assertions.assertThat(acknowledgements).extracting(Task::getAssignee).containsExactly("panel1", "partner1", "psd1");
    Assertions.assertThat(acknowledgements.get(0).getName()).startsWith("Acknowledge confidentiality for the panel of ");
    complete(acknowledgements.get(0), withVariables("confidentialityAcknowledged", true));
    complete(acknowledgements.get(1), withVariables("confidentialityAcknowledged", true));
    Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), cases.get(0).getBusinessKey()))
        .as("acknowledged, but the meeting has not started").isFalse();
    ClockUtil.setCurrentTime(Date.from(meeting.heldOn()));
    for (ProcessInstance c : cases) {
      Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), c.getBusinessKey())).isTrue();
      Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), c.getBusinessKey())).isTrue();
      Assertions.assertThat(breakoutRoom.mayRead("psd1", List.of("psd"), c.getBusinessKey()))
          .as("named, but has not acknowledged confidentiality").isFalse();
      Assertions.assertThat(breakoutRoom.mayRead("chair", List.of("panel-chair"), c.getBusinessKey()))
          .as("not named as present: the chair's group gives nothing").isFalse();
    }
    Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), cases.get(0).getBusinessKey())).isTrue();
    String soo1 = (String) runtimeService.getVariable(cases.get(1).getId(), "allocatedSoo");
    if (!soo1.equals(soo0)) {
      Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), cases.get(1).getBusinessKey()))
          .as("a SOO sees only their own case").isFalse();
    }

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
      Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), c.getBusinessKey())).isFalse();
      Assertions.assertThat(breakoutRoom.mayRead(soo0, List.of("senior-oversight-officers"), c.getBusinessKey())).isFalse();
    }
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(panel.getId()).count())
        .as("psd1's acknowledgement and the SOOs' notices end with the meeting").isZero();
    Assertions.assertThat(jdbc.queryForList("select user_id from panel_attendee where meeting_id = ? and acknowledged_at is not null "
        + "order by user_id", String.class, panelId)).containsExactly("panel1", "partner1");
    Assertions.assertThat(jdbc.queryForObject("select partner_agencies_attending from panel_meeting where id = ?", Integer.class, panelId))
        .isEqualTo(2);
    Assertions.assertThat(jdbc.queryForObject("select count(*) from outcome_theme t join panel_outcome o on o.id = t.outcome_id "
        + "where o.meeting_id = ? and t.theme_id = 'updatesWithheld'", Integer.class, panelId)).isEqualTo(2);
  }

  @Test
  void theAdministratorReadsTheAgendaAsTablesAndChoosesCasesFromListsAComplexCaseGetsTheComplexSlot() {
    ProcessInstance first = panelCase("HIGH");
    ProcessInstance second = panelCase("STANDARD");
    ProcessInstance notWaiting = panelCase("MEDIUM");
    candidates.remove(notWaiting.getBusinessKey());
    candidates.list("CPLX-0001", PanelCandidates.UPDATE, false, "STANDARD", true, true);
    LocalDateTime tomorrowAtTen = LocalDate.now(settings.zone()).plusDays(1).atTime(10, 0);
    ProcessInstance panel = callPanel(settings.format(tomorrowAtTen), false);

    String slots = runtimeService.getVariable(panel.getId(), "agendaSlots").toString();
    Assertions.assertThat(slots).contains("\"time\":\"10:00-10:15\",\"caseCode\":\"" + first.getBusinessKey() + "\",\"type\":\"NEW\","
        + "\"minutes\":15,\"soo\":\"" + runtimeService.getVariable(first.getId(), "allocatedSoo") + "\"");
    Assertions.assertThat(slots).as("a complex case gets the slot rules' complex slot (30 minutes)")
        .contains("\"caseCode\":\"CPLX-0001\",\"type\":\"UPDATE, complex\",\"minutes\":30");
    Assertions.assertThat(slots).contains("\"why\":\"");
    Assertions.assertThat(runtimeService.getVariable(panel.getId(), "carriedOverCases").toString()).isEqualTo("[]");
    String waiting = runtimeService.getVariable(panel.getId(), "waitingCaseOptions").toString();
    Assertions.assertThat(waiting).contains("\"value\":\"" + first.getBusinessKey() + "\"", "\"value\":\"" + second.getBusinessKey() + "\"");
    Assertions.assertThat(runtimeService.getVariable(panel.getId(), "addCaseOptions").toString())
        .as("an open case with a SOO that is not waiting may be added").contains("\"value\":\"" + notWaiting.getBusinessKey() + "\"")
        .doesNotContain(first.getBusinessKey());

    // The administrator ticks and chooses: second first, add the case not waiting, defer the first with a reason.
    complete(task("prepareAgenda", panel), withVariables("putFirst", List.of(second.getBusinessKey()),
        "addCaseCodes", List.of(notWaiting.getBusinessKey()), "deferCase1", first.getBusinessKey(),
        "deferReason1", "SOO on leave", "agendaReady", false));
    execute(job("reviseAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    String revised = runtimeService.getVariable(panel.getId(), "agendaSlots").toString();
    Assertions.assertThat(revised.indexOf(second.getBusinessKey())).as("put first").isLessThan(revised.indexOf("CPLX-0001"));
    Assertions.assertThat(revised).contains(notWaiting.getBusinessKey()).doesNotContain(first.getBusinessKey())
        .contains("Added by the administrator");
    Assertions.assertThat(runtimeService.getVariable(panel.getId(), "carriedOverCases").toString())
        .contains("\"caseCode\":\"" + first.getBusinessKey() + "\"", "Deferred by the administrator: SOO on leave");
    Assertions.assertThat(runtimeService.getVariable(panel.getId(), "addCaseOptions").toString())
        .as("the added case stays offered, so the form can send its tick back").contains(notWaiting.getBusinessKey());

    // A deferral with no reason comes back with the reason.
    complete(task("prepareAgenda", panel), withVariables("deferCase1", second.getBusinessKey(), "deferReason1", "",
        "agendaReady", true));
    execute(job("publishAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    Assertions.assertThat((String) runtimeService.getVariable(panel.getId(), "agendaProblem"))
        .contains(second.getBusinessKey() + " needs a reason to be deferred");
    runtimeService.deleteProcessInstance(panel.getId(), "test");
  }

  @Test
  void eachSooIsToldTheirSlotHowToJoinAndTheAgendaLineOfTheirOwnCaseOnly() {
    ProcessInstance first = panelCase("HIGH");
    ProcessInstance second = panelCase("STANDARD");
    String soo0 = (String) runtimeService.getVariable(first.getId(), "allocatedSoo");
    LocalDateTime tomorrowAtTen = LocalDate.now(settings.zone()).plusDays(1).atTime(10, 0);
    ProcessInstance panel = callPanel(settings.format(tomorrowAtTen), false);
    Assertions.assertThat(taskService.createTaskQuery().taskDefinitionKey(ScrutinyPanelProcess.TELL_SOO_SLOT)
        .processInstanceId(panel.getId()).count()).as("not before publication").isZero();
    publish(panel);

    List<Task> notices = taskService.createTaskQuery().processInstanceId(panel.getId())
        .taskDefinitionKey(ScrutinyPanelProcess.TELL_SOO_SLOT).orderByDueDate().asc().list();
    Assertions.assertThat(notices).hasSize(2);
    Task notice = notices.get(0);
    Assertions.assertThat(notice.getAssignee()).isEqualTo(soo0);
    Assertions.assertThat(notice.getName()).startsWith("Your panel slot 10:00-10:15 on ").endsWith(" · " + first.getBusinessKey());
    Assertions.assertThat(notice.getDueDate().toInstant()).as("due at the slot's start")
        .isEqualTo(tomorrowAtTen.atZone(settings.zone()).toInstant());
    Assertions.assertThat(notices.get(1).getName()).contains("10:15-10:30").endsWith(second.getBusinessKey());
    Map<String, Object> shown = taskService.getVariablesLocal(notice.getId());
    Assertions.assertThat(shown).containsEntry("slotTime", "10:00-10:15").containsEntry("joiningLink", settings.getJoiningLink());
    Assertions.assertThat((String) shown.get("meetingTimes")).contains("10:00-13:00");
    Assertions.assertThat((String) shown.get("sooAgendaLine")).startsWith("10:00-10:15  " + first.getBusinessKey())
        .doesNotContain(second.getBusinessKey());
    Assertions.assertThat(settings.getJoiningLink()).isNotBlank();
    complete(notice, withVariables("slotNoticeRead", true));
    Assertions.assertThat(taskService.createTaskQuery().taskId(notice.getId()).count()).isZero();
    assertThat(panel).isWaitingAt("recordAttendance");
    runtimeService.deleteProcessInstance(panel.getId(), "test");
  }

  @Test
  void onlyPeopleOnTheListsAreNamedAndOnlyTheAttendeeAcknowledges() {
    ProcessInstance c = panelCase("HIGH");
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    publish(panel);
    Task attendance = task("recordAttendance", panel);
    String soo = (String) runtimeService.getVariable(c.getId(), "allocatedSoo");
    Assertions.assertThatThrownBy(() -> taskService.complete(attendance.getId(), withVariables("membersPresent", List.of(soo),
            "partnerAgenciesAttending", 0L)))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class).rootCause().hasMessageContaining(soo);
    Assertions.assertThat(taskService.createTaskQuery().taskId(attendance.getId()).count()).as("stays open").isEqualTo(1);

    complete(attendance, withVariables("membersPresent", List.of("panel1"), "partnersPresent", List.of(), "partnerAgenciesAttending", 0L));
    Task ack = task(ScrutinyPanelProcess.ACKNOWLEDGE_CONFIDENTIALITY, panel);
    Assertions.assertThat(ack.getAssignee()).isEqualTo("panel1");
    taskService.setAssignee(ack.getId(), "partner1");
    Assertions.assertThatThrownBy(() -> taskService.complete(ack.getId(), withVariables("confidentialityAcknowledged", true)))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class).rootCause().hasMessageContaining("panel1");
    taskService.setAssignee(ack.getId(), "panel1");
    Assertions.assertThatThrownBy(() -> taskService.complete(ack.getId(), withVariables("confidentialityAcknowledged", false)))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class);
    PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow();
    ClockUtil.setCurrentTime(Date.from(meeting.heldOn()));
    Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), c.getBusinessKey())).isFalse();
    complete(ack, withVariables("confidentialityAcknowledged", true));
    Assertions.assertThat(breakoutRoom.mayRead("panel1", List.of("panel-members"), c.getBusinessKey())).isTrue();
    Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), c.getBusinessKey())).isFalse();
    Assertions.assertThat(jdbc.queryForObject("select count(*) from meeting_access where meeting_id = ? and grantee_type = 'GROUP'",
        Integer.class, panelId)).as("no group is ever given a case").isZero();
    runtimeService.deleteProcessInstance(panel.getId(), "test");
  }

  @Test
  void thePanelsDirectionLearningAndGoodPracticeGoBackToTheSooWhoFeedsThemBackAndTheThemesAreCounted() {
    ProcessInstance c = panelCase("STANDARD");
    String soo = (String) runtimeService.getVariable(c.getId(), "allocatedSoo");
    Map<String, Object> decision = new HashMap<>();
    decision.put("goodPractice", "Safe-contact preferences recorded before the first call");
    decision.put("themes", List.of("updatesWithheld"));
    holdPanel(decision);

    Task feedback = taskService.createTaskQuery().processInstanceId(c.getId()).taskDefinitionKey("feedBackLearning").singleResult();
    Assertions.assertThat(feedback).as("a task to feed the learning back").isNotNull();
    Assertions.assertThat(feedback.getName()).startsWith("Feed back the panel's learning to the investigation team");
    Assertions.assertThat(taskService.createTaskQuery().taskId(feedback.getId()).taskCandidateUser(soo).count()).isEqualTo(1);
    Map<String, Object> shown = taskService.getVariablesLocal(feedback.getId());
    Assertions.assertThat((String) shown.get("panelDirection")).contains("for the victim: Offer IDVA support again",
        "for the investigation: Review the investigation plan");
    Assertions.assertThat(shown).containsEntry("panelIndividualLearning", "Record the victim's safe-contact preferences first")
        .containsEntry("panelGoodPractice", "Safe-contact preferences recorded before the first call");
    Assertions.assertThat((String) runtimeService.getVariable(c.getId(), "panelLearning"))
        .as("shown on the case update form").contains("Direction: for the victim: Offer IDVA support again",
            "Individual learning: Record the victim's safe-contact preferences first", "Good practice: Safe-contact");

    Assertions.assertThatThrownBy(() -> taskService.complete(feedback.getId(), withVariables("learningFedBack", false)))
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.BadUserRequestException.class);
    taskService.claim(feedback.getId(), soo);
    complete(feedback, withVariables("learningFedBack", true, "learningFeedbackNote", "Discussed with the OIC"));
    Map<String, Object> outcome = jdbc.queryForMap("select learning_fed_back_at, learning_fed_back_by, learning_feedback_note, id "
        + "from panel_outcome where case_code = ?", c.getBusinessKey());
    Assertions.assertThat(outcome.get("LEARNING_FED_BACK_AT")).isNotNull();
    Assertions.assertThat(outcome).containsEntry("LEARNING_FED_BACK_BY", soo).containsEntry("LEARNING_FEEDBACK_NOTE", "Discussed with the OIC");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from outcome_theme where outcome_id = ? and theme_id = 'updatesWithheld'",
        Integer.class, outcome.get("ID"))).as("the themes feed organisational learning").isEqualTo(1);
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


  @Test
  void theAgendaIsTimedFromTheMeetingsStartAndTheChairHasOneTaskPerSlotInOrder() {
    ProcessInstance first = panelCase("HIGH");
    ProcessInstance second = panelCase("STANDARD");
    LocalDateTime tomorrowAtTen = LocalDate.now(settings.zone()).plusDays(1).atTime(10, 0);
    ProcessInstance panel = callPanel(settings.format(tomorrowAtTen), false);

    String agenda = (String) runtimeService.getVariable(panel.getId(), "agendaSummary");
    Assertions.assertThat(agenda).startsWith("10:00-10:15  " + first.getBusinessKey())
        .contains("10:15-10:30  " + second.getBusinessKey());
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(panel.getId()).singleResult()
        .getBusinessKey()).isEqualTo("PANEL-" + tomorrowAtTen.toLocalDate());
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 0L));

    List<Task> slots = taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome")
        .orderByDueDate().asc().list();
    Assertions.assertThat(slots).extracting(Task::getName).containsExactly(
        "10:00-10:15 " + first.getBusinessKey() + ": record the outcome",
        "10:15-10:30 " + second.getBusinessKey() + ": record the outcome");
    Assertions.assertThat(slots.get(0).getDueDate().toInstant())
        .isEqualTo(tomorrowAtTen.plusMinutes(15).atZone(settings.zone()).toInstant());
    Assertions.assertThat(slots.get(1).getDueDate().toInstant())
        .isEqualTo(tomorrowAtTen.plusMinutes(30).atZone(settings.zone()).toInstant());
    Assertions.assertThat((String) taskService.getVariable(slots.get(0).getId(), "latestUpdate")).isNotBlank();
    Assertions.assertThat((String) taskService.getVariable(slots.get(0).getId(), "openActionsSummary")).isEqualTo("None");
  }

  @Test
  void anEmergencyPanelTakesTheUrgentCasesAndTheRestWaitForTheMonthlyPanel() {
    ProcessInstance urgent = panelCase("HIGH");
    ProcessInstance routine = panelCase("STANDARD");
    ProcessInstance emergency = callPanel(settings.format(LocalDateTime.now(settings.zone()).plusHours(2)), true);
    String panelId = (String) runtimeService.getVariable(emergency.getId(), "panelId");

    Assertions.assertThat(meetings.agenda(panelId)).extracting(Agenda.Item::caseCode).containsExactly(urgent.getBusinessKey());
    Assertions.assertThat(meetings.carriedOver(panelId)).singleElement().satisfies(c -> {
      Assertions.assertThat(c.caseCode()).isEqualTo(routine.getBusinessKey());
      Assertions.assertThat(c.reason()).isEqualTo(AgendaDesk.NOT_URGENT);
    });
    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(emergency.getId()).singleResult()
        .getBusinessKey()).endsWith("-EMERGENCY");
  }

  @Test
  void aSecondPanelOnAnOpenPanelsDateGoesBackToTheAdministratorAndTheDatabaseRefusesItToo() {
    panelCase("MEDIUM");
    String tomorrow = settings.format(LocalDate.now(settings.zone()).plusDays(1).atTime(10, 0));
    ProcessInstance first = callPanel(tomorrow, false);
    String firstId = (String) runtimeService.getVariable(first.getId(), "panelId");

    ProcessInstance second = runtimeService.startProcessInstanceByKey("scrutinyPanel",
        withVariables("meetingStart", settings.format(LocalDate.now(settings.zone()).plusDays(1).atTime(14, 0)),
            "emergencyPanel", true));
    execute(job("draftAgenda", second));
    assertThat(second).hasPassed("meetingRefused").isWaitingAt("chooseMeetingTime");
    Assertions.assertThat((String) runtimeService.getVariable(second.getId(), "meetingProblem"))
        .contains("Another panel is already open on " + LocalDate.now(settings.zone()).plusDays(1));

    // Not only the code: the database itself holds one open panel per date.
    Assertions.assertThatThrownBy(() -> jdbc.update("insert into panel_meeting (id, held_on, meeting_date, open_on, "
            + "capacity_minutes, status, emergency) select 'second-on-date', held_on, meeting_date, open_on, 180, 'SCHEDULED', true "
            + "from panel_meeting where id = ?", firstId))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

    complete(task("chooseMeetingTime", second), withVariables("meetingStart",
        settings.format(LocalDate.now(settings.zone()).plusDays(2).atTime(10, 0))));
    execute(job("draftAgenda", second));
    assertThat(second).isWaitingAt("prepareAgenda");
    String secondId = (String) runtimeService.getVariable(second.getId(), "panelId");
    Assertions.assertThat(meetings.agenda(secondId)).as("the medium-risk case is not urgent").isEmpty();

        runtimeService.deleteProcessInstance(first.getId(), "panel withdrawn");
    Assertions.assertThat(meetings.find(firstId).orElseThrow().status()).isEqualTo("CANCELLED");
    Assertions.assertThat(jdbc.queryForObject("select count(*) from panel_meeting where id = ? and open_on is null",
        Integer.class, firstId)).as("a withdrawn panel frees its date").isEqualTo(1);
  }

  @Test
  void aCaseOnAnotherOpenPanelIsCarriedOverWithThatReasonAndNeverOnTwoAgendas() {
    ProcessInstance urgent = panelCase("HIGH");
    ProcessInstance emergency = callPanel(settings.format(LocalDateTime.now(settings.zone()).plusHours(2)), true);
    String emergencyId = (String) runtimeService.getVariable(emergency.getId(), "panelId");
    Assertions.assertThat(meetings.agenda(emergencyId)).extracting(Agenda.Item::caseCode).contains(urgent.getBusinessKey());

    ProcessInstance monthly = callPanel(settings.format(LocalDate.now(settings.zone()).plusDays(3).atTime(10, 0)), false);
    String monthlyId = (String) runtimeService.getVariable(monthly.getId(), "panelId");
    Assertions.assertThat(meetings.agenda(monthlyId)).extracting(Agenda.Item::caseCode).doesNotContain(urgent.getBusinessKey());
    Assertions.assertThat(meetings.carriedOver(monthlyId)).filteredOn(c -> c.caseCode().equals(urgent.getBusinessKey()))
        .singleElement().extracting(Agenda.CarriedOver::reason).isEqualTo("On the agenda of another open panel");

    complete(task("prepareAgenda", monthly), withVariables("addCases", urgent.getBusinessKey(), "agendaReady", false));
    execute(job("reviseAgenda", monthly));
    assertThat(monthly).hasPassed("revisionRefused").isWaitingAt("prepareAgenda");
    Assertions.assertThat((String) runtimeService.getVariable(monthly.getId(), "agendaProblem"))
        .contains(urgent.getBusinessKey() + " is on the agenda of another open panel");

    // The database refuses a case on two open agendas, whatever the code does.
    Assertions.assertThatThrownBy(() -> jdbc.update("insert into panel_agenda_item (meeting_id, position, case_code, "
            + "open_case_code, review_type, slot_minutes, start_minute, soos, priority) values (?,?,?,?,?,?,?,?,?)",
            monthlyId, 99, urgent.getBusinessKey(), urgent.getBusinessKey(), "NEW", 15, 0, "soo", 1))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  @Test
  void everyCaseIsAccountedForAndOneNotReachedGoesFirstAtTheNextPanel() {
    ProcessInstance discussed = panelCase("HIGH");
    ProcessInstance deferred = panelCase("MEDIUM");
    ProcessInstance notReached = panelCase("STANDARD");
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 1L));

    Task deferredSlot = slotOf(panel, deferred.getBusinessKey());
    Assertions.assertThatThrownBy(() -> taskService.complete(deferredSlot.getId(), Map.of("slotResult", "DEFERRED")))
        .as("a deferral needs its reason").hasMessageContaining("Give the reason the case was deferred");
    Assertions.assertThatThrownBy(() -> taskService.complete(deferredSlot.getId(), Map.of("slotResult", "LOST", "slotResultReason", "x")))
        .hasMessageContaining("discussed, deferred or not reached");
    complete(deferredSlot, withVariables("slotResult", "DEFERRED", "slotResultReason", "Awaiting the misconduct decision"));
    complete(slotOf(panel, discussed.getBusinessKey()), outcome(null));
    complete(slotOf(panel, notReached.getBusinessKey()), withVariables("slotResult", "NOT_REACHED", "slotResultReason", "Time ran out"));
    for (Job send : managementService.createJobQuery().processInstanceId(panel.getId()).activityId("sendOutcome").list()) {
      execute(send);
    }
    execute(job("closeMeeting", panel));
    assertThat(panel).isEnded();

    Map<String, String> accounts = new HashMap<>();
    jdbc.queryForList("select case_code, account from panel_agenda_item where meeting_id = ?", panelId)
        .forEach(r -> accounts.put((String) r.get("CASE_CODE"), (String) r.get("ACCOUNT")));
    Assertions.assertThat(accounts).containsExactlyInAnyOrderEntriesOf(Map.of(discussed.getBusinessKey(), "DISCUSSED",
        deferred.getBusinessKey(), "DEFERRED", notReached.getBusinessKey(), "NOT_REACHED"));
    Assertions.assertThat(candidates.isWaiting(discussed.getBusinessKey())).isFalse();
    Assertions.assertThat(candidates.isWaiting(deferred.getBusinessKey())).isTrue();
    Assertions.assertThat(candidates.isWaiting(notReached.getBusinessKey())).isTrue();

    ProcessInstance newHighRisk = panelCase("HIGH");
    ProcessInstance next = callPanel();
    List<Agenda.Item> nextAgenda = meetings.agenda((String) runtimeService.getVariable(next.getId(), "panelId"));
    Assertions.assertThat(nextAgenda.get(0).caseCode()).as("not reached goes first").isEqualTo(notReached.getBusinessKey());
    Assertions.assertThat(nextAgenda.get(0).priorityReason()).isEqualTo(AgendaBuilder.NOT_REACHED_REASON);
    Assertions.assertThat(nextAgenda).extracting(Agenda.Item::caseCode).contains(newHighRisk.getBusinessKey(), deferred.getBusinessKey());
  }

  @Test
  void outcomesNotRecordedByTheEndOfTheMeetingDayAreNotReached() {
    ProcessInstance waiting = panelCase("STANDARD");
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 1L));
    Job meetingOver = managementService.createJobQuery().processInstanceId(panel.getId()).activityId("meetingOver").singleResult();
    Assertions.assertThat(meetingOver.getDuedate().toInstant())
        .isEqualTo(meetings.find(panelId).orElseThrow().endsAt().plus(settings.getOutcomeGrace()));

    ClockUtil.setCurrentTime(meetingOver.getDuedate());
    execute(meetingOver);
    assertThat(panel).hasPassed("meetingOver").isWaitingAt("closeMeeting");
    execute(job("closeMeeting", panel));
    assertThat(panel).isEnded();
    Assertions.assertThat(meetings.accountOf(panelId, waiting.getBusinessKey())).isEqualTo("NOT_REACHED");
    Assertions.assertThat(candidates.waiting()).filteredOn(w -> w.caseCode().equals(waiting.getBusinessKey()))
        .singleElement().extracting(PanelCandidates.Waiting::notReached).isEqualTo(true);
  }

  @Test
  void aCaseTheSooBringsBackKeepsItsTypeAndOneTheAdministratorAddsKeepsItsPlace() {
    candidates.list("SOOB-0001", PanelCandidates.NEW, false, "STANDARD");
    candidates.list("SOOB-0001", PanelCandidates.UPDATE, false, "STANDARD", true);
    Assertions.assertThat(candidates.waiting()).singleElement().satisfies(w -> {
      Assertions.assertThat(w.reviewType()).as("still new to the panel").isEqualTo("NEW");
      Assertions.assertThat(w.sooRequested()).isTrue();
    });

    ProcessInstance added = panelCase("STANDARD");
    jdbc.update("delete from panel_candidate where case_code = ?", added.getBusinessKey());
    for (int i = 0; i < 13; i++) {
      candidates.list(String.format("FUL%d-%04d", i % 10, i), PanelCandidates.NEW, false, "HIGH");
    }
    ProcessInstance panel = callPanel();
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    complete(task("prepareAgenda", panel), withVariables("addCases", added.getBusinessKey(), "agendaReady", false));
    execute(job("reviseAgenda", panel));
    Assertions.assertThat(meetings.agenda(panelId)).filteredOn(i -> i.caseCode().equals(added.getBusinessKey()))
        .as("added to a full panel, it has a slot").singleElement().extracting(Agenda.Item::addedByAdmin).isEqualTo(true);
    complete(task("prepareAgenda", panel), withVariables("agendaReady", false));
    execute(job("reviseAgenda", panel));
    Assertions.assertThat(meetings.agenda(panelId)).extracting(Agenda.Item::caseCode).as("and keeps it when revised")
        .contains(added.getBusinessKey());
  }


  @Test
  void theLastPanelsOpenActionsAreReviewedAtTheStartNotDoneOrNotPossible() {
    ProcessInstance withActions = panelCase("HIGH");
    // Meetings of their own days: the last panel is the latest closed one that sat before this one.
    ProcessInstance earlier = callPanel(settings.format(LocalDate.now(settings.zone()).plusDays(20).atTime(10, 0)), false);
    publish(earlier);
    complete(task("recordAttendance", earlier), withVariables("partnerAgenciesAttending", 1L));
    String due = LocalDate.now().plusDays(14).toString();
    Map<String, Object> twoActions = outcome(null);
    twoActions.put("agreedActions", agreedActions("Ask the OIC to update the victim weekly", "OIC", due,
        "Refer the victim to the IDVA service", "SOO", due));
    twoActions.put("bringBack", true);
    Map<String, Object> typedOwner = new HashMap<>(twoActions);
    typedOwner.put("agreedActions", agreedActions("Ask the OIC to update the victim weekly", "OIC", due,
        "Refer the victim to the IDVA service", "the DC on nights", due));
    Task slot = slotOf(earlier, withActions.getBusinessKey());
    identityService.setAuthentication("chair", List.of(uk.police.daoversight.security.Groups.PANEL_CHAIR));
    try {
      Assertions.assertThatThrownBy(() -> taskService.complete(slot.getId(), typedOwner))
          .as("an owner is chosen from the list, never typed").isInstanceOf(FormInputRefusedException.class)
          .hasMessageContaining("agreedActions[1].owner: must be one of the offered values").hasMessageNotContaining("the DC on nights");
    } finally {
      identityService.clearAuthentication();
    }
    complete(slot, twoActions);
    execute(job("sendOutcome", earlier));
    execute(job("closeMeeting", earlier));
    assertThat(earlier).isEnded();

    ProcessInstance panel = callPanel(settings.format(LocalDate.now(settings.zone()).plusDays(21).atTime(10, 0)), false);
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 1L));
    assertThat(panel).hasPassed("meetingStarts").isWaitingAt("reviewOpenActions", "recordOutcome");
    Task review = task("reviewOpenActions", panel);
    String lines = taskService.getVariable(review.getId(), "actionReviews").toString();
    Assertions.assertThat(lines).contains("Ask the OIC to update the victim weekly", "Refer the victim to the IDVA service",
        withActions.getBusinessKey());
    List<String> actionIds = jdbc.queryForList("select id from panel_action where case_code = ? order by description",
        String.class, withActions.getBusinessKey());

    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("actionReviews",
            org.camunda.spin.Spin.JSON("[{\"actionId\":\"" + actionIds.get(0) + "\",\"status\":\"NOT_DONE\"}]"))))
        .as("every open action answered").hasMessageContaining("is not done or not possible");
    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("actionReviews",
            org.camunda.spin.Spin.JSON("[{\"actionId\":\"" + actionIds.get(0) + "\",\"status\":\"NOT_DONE\"},"
                + "{\"actionId\":\"" + actionIds.get(1) + "\",\"status\":\"NOT_POSSIBLE\"}]"))))
        .as("not possible says why").hasMessageContaining("is not possible");
    Assertions.assertThatThrownBy(() -> taskService.complete(review.getId(), Map.of("actionReviews",
            org.camunda.spin.Spin.JSON("[{\"actionId\":\"someone-elses\",\"status\":\"NOT_DONE\"}]"))))
        .hasMessageContaining("not one of the last panel's open actions");
    complete(review, withVariables("actionReviews", org.camunda.spin.Spin.JSON("[{\"actionId\":\"" + actionIds.get(0)
        + "\",\"status\":\"NOT_DONE\"},{\"actionId\":\"" + actionIds.get(1)
        + "\",\"status\":\"NOT_POSSIBLE\",\"note\":\"The victim declined IDVA support\"}]")));
    Assertions.assertThat(jdbc.queryForList("select status from panel_action_review where meeting_id = ? order by status",
        String.class, panelId)).containsExactly("NOT_DONE", "NOT_POSSIBLE");

    complete(task("recordOutcome", panel), outcome(null));
    execute(job("sendOutcome", panel));
    execute(job("closeMeeting", panel));
    assertThat(panel).isEnded().hasPassed("openActionsDone");
  }

  @Test
  void aReviewLeftOpenEndsWithTheMeetingAndItsActionsAreRecordedAsNotReviewed() {
    ProcessInstance withAction = panelCase("HIGH");
    ProcessInstance earlier = callPanel(settings.format(LocalDate.now(settings.zone()).plusDays(23).atTime(10, 0)), false);
    publish(earlier);
    complete(task("recordAttendance", earlier), withVariables("partnerAgenciesAttending", 1L));
    Map<String, Object> back = outcome("Ask the OIC to update the victim weekly");
    back.put("bringBack", true);
    complete(slotOf(earlier, withAction.getBusinessKey()), back);
    execute(job("sendOutcome", earlier));
    execute(job("closeMeeting", earlier));

    ProcessInstance panel = callPanel(settings.format(LocalDate.now(settings.zone()).plusDays(24).atTime(10, 0)), false);
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    publish(panel);
    complete(task("recordAttendance", panel), withVariables("partnerAgenciesAttending", 1L));
    complete(task("recordOutcome", panel), outcome(null));
    execute(job("sendOutcome", panel));
    execute(job("closeMeeting", panel));
    assertThat(panel).isEnded().hasNotPassed("openActionsDone");
    Assertions.assertThat(jdbc.queryForList("select status from panel_action_review where meeting_id = ?", String.class, panelId))
        .containsExactly("NOT_REVIEWED");
  }

  Task slotOf(ProcessInstance panel, String caseCode) {
    return taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome").list().stream()
        .filter(t -> caseCode.equals(taskService.getVariable(t.getId(), "agendaCaseCode"))).findFirst().orElseThrow();
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

  ProcessInstance callPanel(String meetingStart, boolean emergency) {
    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel",
        withVariables("meetingStart", meetingStart, "emergencyPanel", emergency));
    assertThat(panel).hasPassed("panelCalled");
    execute(job("draftAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    return panel;
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
    outcome.put("agreedActions", action == null ? agreedActions() : agreedActions(action, "OIC", LocalDate.now().plusDays(14).toString()));
    outcome.put("individualLearning", "Record the victim's safe-contact preferences first");
    return outcome;
  }

  /** The outcome form's dynamic list of agreed actions as Tasklist sends it: what, owner, due for each row. */
  public static Object agreedActions(String... whatOwnerDue) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i + 2 < whatOwnerDue.length; i += 3) {
      Map<String, String> row = new java.util.LinkedHashMap<>();
      row.put("what", whatOwnerDue[i]);
      row.put("owner", whatOwnerDue[i + 1]);
      row.put("due", whatOwnerDue[i + 2]);
      rows.add(row);
    }
    try {
      return org.camunda.spin.Spin.JSON(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(rows));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
