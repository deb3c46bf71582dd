package uk.police.daoversight.panel;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * A year of twelve monthly panels with the engine clock (#20). Cases arrive at a rate that doubles
 * over the year (8 in the first month, about 15 in the twelfth), so the three-hour panel is
 * overloaded in the second half; the chair brings every third discussed case back, the panel defers
 * every fifth with a reason, and in the second half time runs out for the last two slots. At every
 * panel, every case that waited is accounted for exactly once (on the agenda and then discussed,
 * deferred or not reached; or carried over with its reason), none is lost or on two open panels, the
 * cases not reached lead the next agenda, and access opens at the meeting's start and closes at its
 * end for the named attendee groups and each SOO's own case only.
 */
@IntegrationTest
class PanelYearSimulationTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired PanelCandidates candidates;
  @Autowired PanelMeetings meetings;
  @Autowired PanelSettings settings;
  @Autowired BreakoutRoom breakoutRoom;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void endEntries() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "simulation over"));
  }

  @Test
  void aYearOfMonthlyPanelsAccountsForEveryWaitingCaseAtEveryPanel() {
    CaseDriver driver = new CaseDriver(runtimeService);
    jdbc.update("delete from panel_candidate");
    Set<String> allCases = new LinkedHashSet<>();
    Set<String> discussedForGood = new HashSet<>();
    List<String> notReachedLastTime = new ArrayList<>();
    int fullCarriesFirstHalf = 0;
    int fullCarriesSecondHalf = 0;
    StringBuilder log = new StringBuilder();

    for (int month = 0; month < 12; month++) {
      LocalDateTime first = LocalDateTime.of(2033, 1, 1, 8, 0).plusMonths(month);
      at(first);
      ProcessInstance entry = proposeAndBook();
      int arrivals = (int) Math.round(8 * Math.pow(2, month / 12.0));
      at(first.plusHours(1));
      for (int i = 0; i < arrivals; i++) {
        allCases.add(panelCase(driver, i % 4 == 0 ? "HIGH" : i % 3 == 0 ? "MEDIUM" : "STANDARD").getBusinessKey());
      }

      Job agendaDue = job("agendaDue", entry);
      ClockUtil.setCurrentTime(agendaDue.getDuedate());
      execute(agendaDue);
      ProcessInstance panel = runtimeService.createProcessInstanceQuery().superProcessInstanceId(entry.getId()).singleResult();
      execute(job("draftAgenda", panel));
      String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
      complete(task("prepareAgenda", panel), withVariables("agendaReady", true));
      execute(job("publishAgenda", panel));
      assertThat(panel).isWaitingAt("recordAttendance");

      // Every case waiting at publication is on the agenda or carried over with a reason, exactly once.
      Set<String> waiting = new HashSet<>();
      candidates.waiting().forEach(w -> waiting.add(w.caseCode()));
      List<Agenda.Item> agenda = meetings.agenda(panelId);
      List<Agenda.CarriedOver> carried = meetings.carriedOver(panelId);
      List<String> accounted = new ArrayList<>();
      agenda.forEach(i -> accounted.add(i.caseCode()));
      carried.forEach(c -> accounted.add(c.caseCode()));
      Assertions.assertThat(accounted).as("month %d: every waiting case once", month + 1)
          .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(waiting);
      Assertions.assertThat(carried).allSatisfy(c -> Assertions.assertThat(c.reason()).isNotBlank());
      Assertions.assertThat(agenda.stream().mapToInt(Agenda.Item::slotMinutes).sum()).isLessThanOrEqualTo(180);
      Assertions.assertThat(jdbc.queryForObject("select count(*) from panel_meeting where open_on is not null", Integer.class))
          .as("one open panel").isEqualTo(1);
      if (!notReachedLastTime.isEmpty()) {
        Assertions.assertThat(agenda.subList(0, notReachedLastTime.size())).extracting(Agenda.Item::caseCode)
            .as("month %d: the cases not reached last time come first", month + 1)
            .containsExactlyInAnyOrderElementsOf(notReachedLastTime);
      }
      long full = carried.stream().filter(c -> c.reason().startsWith("Panel full")).count();
      if (month < 6) {
        fullCarriesFirstHalf += full;
      } else {
        fullCarriesSecondHalf += full;
      }

      // Access: the named attendees who acknowledged confidentiality, and each SOO's own case, from the
      // meeting's start to its end only. Each month a different member is named; the chair never is.
      PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow();
      Agenda.Item firstItem = agenda.get(0);
      String member = month % 2 == 0 ? "panel1" : "psd1";
      String absent = month % 2 == 0 ? "psd1" : "panel1";
      complete(task("recordAttendance", panel), withVariables("membersPresent", List.of(member), "partnersPresent", List.of("partner1"),
          "partnerAgenciesAttending", 2L));
      List<Task> acknowledgements = taskService.createTaskQuery().processInstanceId(panel.getId())
          .taskDefinitionKey(ScrutinyPanelProcess.ACKNOWLEDGE_CONFIDENTIALITY).list();
      Assertions.assertThat(acknowledgements).extracting(Task::getAssignee).containsExactlyInAnyOrder(member, "partner1");
      acknowledgements.stream().filter(t -> t.getAssignee().equals(member))
          .forEach(t -> complete(t, withVariables("confidentialityAcknowledged", true)));
      Assertions.assertThat(breakoutRoom.mayRead(member, List.of("panel-members"), firstItem.caseCode()))
          .as("month %d: before the meeting", month + 1).isFalse();
      ClockUtil.setCurrentTime(Date.from(meeting.heldOn()));
      for (Agenda.Item item : agenda) {
        Assertions.assertThat(breakoutRoom.mayRead(member, List.of("panel-members"), item.caseCode()))
            .as("month %d: the named member who acknowledged", month + 1).isTrue();
        Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), item.caseCode()))
            .as("month %d: named, not yet acknowledged", month + 1).isFalse();
        Assertions.assertThat(breakoutRoom.mayRead(absent, List.of("panel-members", "psd"), item.caseCode()))
            .as("month %d: not named", month + 1).isFalse();
        Assertions.assertThat(breakoutRoom.mayRead("chair", List.of("panel-chair"), item.caseCode()))
            .as("month %d: the chair's group alone gives nothing", month + 1).isFalse();
      }
      acknowledgements.stream().filter(t -> t.getAssignee().equals("partner1"))
          .forEach(t -> complete(t, withVariables("confidentialityAcknowledged", true)));
      Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), firstItem.caseCode()))
          .as("month %d: acknowledged during the meeting", month + 1).isTrue();
      Assertions.assertThat(breakoutRoom.mayRead(firstItem.soos().get(0), List.of("senior-oversight-officers"), firstItem.caseCode()))
          .isTrue();
      Assertions.assertThat(breakoutRoom.mayRead("manager", List.of("managers"), firstItem.caseCode())).isFalse();
      agenda.stream().filter(i -> !i.soos().contains(firstItem.soos().get(0))).findFirst().ifPresent(other ->
          Assertions.assertThat(breakoutRoom.mayRead(firstItem.soos().get(0), List.of("senior-oversight-officers"), other.caseCode()))
              .as("a SOO never reads another SOO's case").isFalse());

      List<Task> slots = taskService.createTaskQuery().processInstanceId(panel.getId()).taskDefinitionKey("recordOutcome")
          .orderByDueDate().asc().list();
      Assertions.assertThat(slots).hasSameSizeAs(agenda);
      Map<String, String> expected = new HashMap<>();
      Set<String> broughtBack = new HashSet<>();
      notReachedLastTime = new ArrayList<>();
      for (int s = 0; s < slots.size(); s++) {
        Task slot = slots.get(s);
        String code = (String) taskService.getVariable(slot.getId(), "agendaCaseCode");
        Assertions.assertThat(code).as("slot order").isEqualTo(agenda.get(s).caseCode());
        Assertions.assertThat(slot.getName()).contains(code);
        ClockUtil.setCurrentTime(Date.from(meeting.heldOn().plusSeconds(agenda.get(s).startMinute() * 60L)));
        if (month >= 6 && s >= slots.size() - 2) {
          complete(slot, withVariables("slotResult", "NOT_REACHED", "slotResultReason", "Time ran out"));
          expected.put(code, "NOT_REACHED");
          notReachedLastTime.add(code);
        } else if (s % 5 == 4) {
          complete(slot, withVariables("slotResult", "DEFERRED", "slotResultReason", "Awaiting the misconduct hearing"));
          expected.put(code, "DEFERRED");
        } else {
          boolean back = s % 3 == 2;
          Map<String, Object> outcome = new HashMap<>(ScrutinyPanelProcessTest.outcome(null));
          outcome.put("bringBack", back);
          complete(slot, outcome);
          expected.put(code, "DISCUSSED");
          if (back) {
            broughtBack.add(code);
          } else {
            discussedForGood.add(code);
          }
        }
      }
      for (Job send : managementService.createJobQuery().processInstanceId(panel.getId()).activityId("sendOutcome").list()) {
        execute(send);
      }
      ClockUtil.setCurrentTime(Date.from(meeting.endsAt()));
      Assertions.assertThat(breakoutRoom.mayRead(member, List.of("panel-members"), firstItem.caseCode()))
          .as("the meeting's end is a hard limit").isFalse();
      Assertions.assertThat(breakoutRoom.mayRead("partner1", List.of("partner-agencies"), firstItem.caseCode()))
          .as("the meeting's end is a hard limit").isFalse();
      execute(job("closeMeeting", panel));
      assertThat(panel).isEnded();
      assertThat(entry).isEnded();

      Map<String, String> accounts = new HashMap<>();
      jdbc.queryForList("select case_code, account from panel_agenda_item where meeting_id = ?", panelId)
          .forEach(r -> accounts.put((String) r.get("CASE_CODE"), (String) r.get("ACCOUNT")));
      Assertions.assertThat(accounts).as("month %d: every slot accounted for", month + 1).isEqualTo(expected);
      Set<String> nowWaiting = new HashSet<>();
      candidates.waiting().forEach(w -> nowWaiting.add(w.caseCode()));
      for (String code : waiting) {
        boolean gone = expected.containsKey(code) && "DISCUSSED".equals(expected.get(code)) && !broughtBack.contains(code);
        Assertions.assertThat(nowWaiting.contains(code)).as("month %d: %s %s", month + 1, code,
            gone ? "discussed, leaves the list" : "still waits").isEqualTo(!gone);
      }
      broughtBack.forEach(code -> Assertions.assertThat(candidates.waiting()).filteredOn(w -> w.caseCode().equals(code))
          .singleElement().satisfies(w -> Assertions.assertThat(w.reviewType()).isEqualTo("UPDATE")));
      Assertions.assertThat(jdbc.queryForObject("select count(*) from panel_agenda_item where open_case_code is not null",
          Integer.class)).as("no case on an open panel once it closed").isZero();
      log.append(String.format("month %2d: %2d arrived, %2d waiting, %2d on the agenda, %2d carried (%d full), %d not reached%n",
          month + 1, arrivals, waiting.size(), agenda.size(), carried.size(), full, notReachedLastTime.size()));
    }

    // None lost: every case is either still waiting or was discussed and not asked back.
    Set<String> waitingAtEnd = new HashSet<>();
    candidates.waiting().forEach(w -> waitingAtEnd.add(w.caseCode()));
    for (String code : allCases) {
      Assertions.assertThat(waitingAtEnd.contains(code) || discussedForGood.contains(code)).as(code + "\n" + log).isTrue();
    }
    Assertions.assertThat(fullCarriesSecondHalf).as("the panel is overloaded in the second half\n" + log).isPositive();
    Assertions.assertThat(fullCarriesSecondHalf).as(log.toString()).isGreaterThan(fullCarriesFirstHalf);
  }

  private ProcessInstance proposeAndBook() {
    Set<String> before = new HashSet<>();
    runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list().forEach(p -> before.add(p.getId()));
    Job timer = managementService.createJobQuery().processDefinitionKey("panelCalendar").timers()
        .activityId("panelMonthDue").singleResult();
    managementService.executeJob(timer.getId());
    ProcessInstance entry = runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list().stream()
        .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    complete(task("confirmMeeting", entry));
    execute(job("bookMeeting", entry));
    assertThat(entry).isWaitingAt("agendaDue");
    return entry;
  }

  private ProcessInstance panelCase(CaseDriver driver, String risk) {
    ReferralRequest r = Referrals.policeVictim("MASH");
    ProcessInstance pi = driver.start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null), List.of(), risk,
        false, false, false));
    driver.reviewHistory(pi);
    driver.readCasePack(pi, driver.allocateAsRecommended(pi));
    driver.contact(pi, "DECLINED", null);
    return pi;
  }

  private static Instant at(LocalDateTime time) {
    Instant instant = time.atZone(java.time.ZoneId.systemDefault()).toInstant();
    ClockUtil.setCurrentTime(Date.from(instant));
    return instant;
  }
}
