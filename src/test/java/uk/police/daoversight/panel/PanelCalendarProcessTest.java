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
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;

/** Every path of {@code panelCalendar}: proposed, confirmed or changed, refused, booked, agenda drawn a week before. */
@IntegrationTest
class PanelCalendarProcessTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired PanelMeetings meetings;
  @Autowired PanelSettings settings;
  @Autowired PanelCandidates candidates;
  @Autowired JdbcTemplate jdbc;

  /** 1 March 2030, 08:00: the calendar's proposal time; the first Tuesday of April 2030 is the 2nd. */
  static final LocalDateTime MARCH_FIRST = LocalDateTime.of(2030, 3, 1, 8, 0);

  @BeforeEach
  void init() {
    at(MARCH_FIRST);
    jdbc.update("delete from panel_candidate");
  }

  @AfterEach
  void endEntries() {
    runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test over"));
    runtimeService.createProcessInstanceQuery().processDefinitionKey("scrutinyPanel").list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test over"));
  }

  @Test
  void theNextMeetingIsProposedOnTheFirstOfTheMonth() {
    Job timer = managementService.createJobQuery().processDefinitionKey("panelCalendar").timers().singleResult();
    ZonedDateTime due = timer.getDuedate().toInstant().atZone(settings.zone());
    Assertions.assertThat(due.getDayOfMonth()).isEqualTo(1);
    Assertions.assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
  }

  @Test
  void theProposalIsTheFirstTuesdayAtTenWhoseAgendaIsStillToBeDrawn() {
    Assertions.assertThat(settings.nextMeeting(at(MARCH_FIRST))).isEqualTo(LocalDateTime.of(2030, 3, 5, 10, 0).plusWeeks(4));
    // 1 February 2030: the first Tuesday (the 5th) is less than a week away, so March's (the 5th) is proposed.
    Assertions.assertThat(settings.nextMeeting(at(LocalDateTime.of(2030, 2, 1, 8, 0)))).isEqualTo(LocalDateTime.of(2030, 3, 5, 10, 0));
    Assertions.assertThat(settings.nextMeeting(at(LocalDateTime.of(2030, 1, 1, 8, 0)))).isEqualTo(LocalDateTime.of(2030, 2, 5, 10, 0));
    LocalDateTime proposal = settings.nextMeeting(at(LocalDateTime.of(2030, 6, 1, 8, 0)));
    Assertions.assertThat(proposal.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    Assertions.assertThat(proposal.getDayOfMonth()).isLessThanOrEqualTo(7);
    Assertions.assertThat(proposal.toLocalTime()).isEqualTo(LocalTime.of(10, 0));
  }

  @Test
  void theAdministratorChangesTheTimeAndTheAgendaIsDrawnAWeekBeforeTimedFromTheStart() {
    candidates.list("CAL1-0001", PanelCandidates.NEW, false, "HIGH");
    ProcessInstance entry = proposal();
    Assertions.assertThat(runtimeService.getVariable(entry.getId(), "meetingStart")).isEqualTo("2030-04-02T10:00");
    Assertions.assertThat(runtimeService.getVariable(entry.getId(), "proposedMeetingStart")).isEqualTo("2030-04-02T10:00");

    complete(task("confirmMeeting", entry), withVariables("meetingStart", "2030-04-03T13:30"));
    execute(job("bookMeeting", entry));
    assertThat(entry).isWaitingAt("agendaDue");
    String panelId = (String) runtimeService.getVariable(entry.getId(), "panelId");
    PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow();
    Assertions.assertThat(meeting.status()).isEqualTo("SCHEDULED");
    Assertions.assertThat(meeting.heldOn()).isEqualTo(LocalDateTime.of(2030, 4, 3, 13, 30).atZone(settings.zone()).toInstant());
    Job agendaDue = job("agendaDue", entry);
    Assertions.assertThat(agendaDue.getDuedate().toInstant())
        .isEqualTo(LocalDateTime.of(2030, 3, 27, 13, 30).atZone(settings.zone()).toInstant());

    at(LocalDateTime.of(2030, 3, 27, 13, 30));
    execute(agendaDue);
    assertThat(entry).isWaitingAt("holdMonthlyPanel");
    ProcessInstance panel = runtimeService.createProcessInstanceQuery().superProcessInstanceId(entry.getId()).singleResult();
    assertThat(panel).isWaitingAt("draftAgenda");
    execute(job("draftAgenda", panel));
    assertThat(panel).isWaitingAt("prepareAgenda");
    Assertions.assertThat(runtimeService.getVariable(panel.getId(), "panelId")).isEqualTo(panelId);
    Assertions.assertThat((String) runtimeService.getVariable(panel.getId(), "agendaSummary"))
        .as("timed from the meeting's start, not from when the draft was made").startsWith("13:30-13:45  CAL1-0001");
    Assertions.assertThat(meetings.find(panelId).orElseThrow().status()).isEqualTo("DRAFT");
  }

  @Test
  void aPastTimeOrATakenDateGoesBackToTheAdministratorWithTheReason() {
    ProcessInstance entry = proposal();
    complete(task("confirmMeeting", entry), withVariables("meetingStart", "2030-02-25T10:00"));
    execute(job("bookMeeting", entry));
    assertThat(entry).hasPassed("bookingRefused").isWaitingAt("confirmMeeting");
    Assertions.assertThat((String) runtimeService.getVariable(entry.getId(), "meetingProblem")).contains("has already passed");

    complete(task("confirmMeeting", entry), withVariables("meetingStart", "next Tuesday"));
    execute(job("bookMeeting", entry));
    assertThat(entry).isWaitingAt("confirmMeeting");
    Assertions.assertThat((String) runtimeService.getVariable(entry.getId(), "meetingProblem")).contains("not a date and time");

    ProcessInstance other = proposal();
    complete(task("confirmMeeting", other), withVariables("meetingStart", "2030-04-02T10:00"));
    execute(job("bookMeeting", other));
    assertThat(other).isWaitingAt("agendaDue");
    complete(task("confirmMeeting", entry), withVariables("meetingStart", "2030-04-02T14:00"));
    execute(job("bookMeeting", entry));
    assertThat(entry).isWaitingAt("confirmMeeting");
    Assertions.assertThat((String) runtimeService.getVariable(entry.getId(), "meetingProblem"))
        .isEqualTo("Another panel is already open on 2030-04-02: choose another date, or add the cases to that panel");

    String otherPanel = (String) runtimeService.getVariable(other.getId(), "panelId");
    runtimeService.deleteProcessInstance(other.getId(), "meeting withdrawn");
    Assertions.assertThat(meetings.find(otherPanel).orElseThrow().status()).isEqualTo("CANCELLED");
    complete(task("confirmMeeting", entry), withVariables("meetingStart", "2030-04-02T14:00"));
    execute(job("bookMeeting", entry));
    assertThat(entry).as("the withdrawn meeting freed its date").isWaitingAt("agendaDue");
  }

  private ProcessInstance proposal() {
    List<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list()
        .stream().map(ProcessInstance::getId).toList();
    Job timer = managementService.createJobQuery().processDefinitionKey("panelCalendar").timers()
        .activityId("panelMonthDue").singleResult();
    managementService.executeJob(timer.getId());
    ProcessInstance entry = runtimeService.createProcessInstanceQuery().processDefinitionKey("panelCalendar").list().stream()
        .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    assertThat(entry).hasPassed("panelMonthDue", "proposeMeeting").isWaitingAt("confirmMeeting");
    return entry;
  }

  private java.time.Instant at(LocalDateTime time) {
    java.time.Instant instant = time.atZone(settings.zone()).toInstant();
    ClockUtil.setCurrentTime(Date.from(instant));
    return instant;
  }
}
