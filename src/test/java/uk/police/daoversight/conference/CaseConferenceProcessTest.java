package uk.police.daoversight.conference;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.panel.PanelCandidates;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** {@code caseConference}: requested by a complex case, scheduled, held, and its outcome sent back. */
@IntegrationTest
class CaseConferenceProcessTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired PanelCandidates candidates;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aCounterAllegationConferenceBringsBothSoosTogetherAndSendsItsOutcomeToTheCase() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance theCase = driver.start(Referrals.with(Referrals.policeVictim("LINE_MANAGER"), true, List.of()));
    driver.reviewHistory(theCase);
    driver.allocateAsRecommended(theCase);
    String first = (String) runtimeService.getVariable(theCase.getId(), "allocatedSoo");
    String second = (String) runtimeService.getVariable(theCase.getId(), "allocatedSecondSoo");

    ProcessInstance conference = runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(theCase.getBusinessKey()).singleResult();
    assertThat(conference).hasPassed("conferenceRequested", "decideConferenceLength").isWaitingAt("scheduleConference");
    assertThat(conference).task().hasCandidateGroup("case-coordinators");
    Assertions.assertThat(runtimeService.getVariable(conference.getId(), "conferenceMinutes")).isEqualTo(30);
    Task schedule = task("scheduleConference", conference);
    Assertions.assertThat((String) taskService.getVariable(schedule.getId(), "conferenceSoos")).contains(first).contains(second);

    complete(schedule, withVariables("conferenceDate", LocalDate.now().plusDays(5) + "T10:00"));
    assertThat(conference).isWaitingAt("recordConferenceOutcome");
    Task record = task("recordConferenceOutcome", conference);
    Assertions.assertThat(taskService.getVariable(record.getId(), "themeOptions").toString()).contains("Inexperienced investigator");
    Map<String, Object> outcome = new HashMap<>();
    outcome.put("primaryParties", "REVERSED");
    outcome.put("directionForVictim", "Both parties to be offered IDVA support");
    outcome.put("directionForInvestigation", "Investigate the counter-allegation as the primary offence");
    outcome.put("action1What", "Reassign the investigation to another unit");
    outcome.put("action1Owner", "Detective Superintendent");
    outcome.put("themes", List.of("inexperiencedInvestigator"));
    outcome.put("bringBack", true);
    complete(record, outcome);
    execute(job("sendConferenceOutcome", conference));

    assertThat(conference).isEnded().hasPassed("conferenceHeld");
    Assertions.assertThat(jdbc.queryForObject("select primary_parties from panel_outcome where case_code = ? and kind = 'CONFERENCE'",
        String.class, theCase.getBusinessKey())).isEqualTo("REVERSED");
    Assertions.assertThat(taskService.createTaskQuery().processInstanceId(theCase.getId()).taskDefinitionKey("completePanelAction").count())
        .isEqualTo(1);
    Assertions.assertThat(candidates.isWaiting(theCase.getBusinessKey())).as("brought to a future panel").isTrue();
  }

  @Test
  void aSecondRequestWhileOneIsRunningStartsNoSecondConference() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance theCase = driver.start(Referrals.policeVictim("PSD"));
    driver.reviewHistory(theCase);
    driver.allocateAsRecommended(theCase);
    new CaseConferences(runtimeService).request(theCase.getBusinessKey());

    Assertions.assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(theCase.getBusinessKey()).count()).isEqualTo(1);
  }
}
