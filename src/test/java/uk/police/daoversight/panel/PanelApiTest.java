package uk.police.daoversight.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** The agenda as JSON, and the breakout room seen through the REST API: open during the meeting only. */
@IntegrationTest
class PanelApiTest extends EngineTest {

  @Autowired RuntimeService runtimeService;
  @Autowired org.camunda.bpm.engine.TaskService taskService;
  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired PanelMeetings meetings;

  @BeforeEach
  void init() {
    jdbc.update("delete from panel_candidate");
  }

  @Test
  void attendeesReadTheAgendaAndTheCaseUpdateFormOnlyWhileTheMeetingIsOpen() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ReferralRequest r = Referrals.policeVictim("MASH");
    ProcessInstance theCase = driver.start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null), List.of(), "HIGH",
        false, false, false));
    driver.reviewHistory(theCase);
    String soo = driver.allocateAsRecommended(theCase);
    driver.readCasePack(theCase, soo);
    driver.contact(theCase, "DECLINED", null);
    driver.update(theCase, false, Map.of());
    String caseCode = theCase.getBusinessKey();
    String otherSoo = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(soo)).findFirst().orElseThrow();

    ProcessInstance panel = runtimeService.startProcessInstanceByKey("scrutinyPanel");
    execute(job("draftAgenda", panel));
    String panelId = (String) runtimeService.getVariable(panel.getId(), "panelId");
    assertThat(updates("panel1", caseCode).getStatusCode()).as("before publication").isEqualTo(HttpStatus.FORBIDDEN);

    complete(task("prepareAgenda", panel), withVariables("agendaReady", true));
    execute(job("publishAgenda", panel));
    assertThat(updates("panel1", caseCode).getStatusCode()).as("published, the meeting not started").isEqualTo(HttpStatus.FORBIDDEN);
    PanelMeetings.Meeting meeting = meetings.find(panelId).orElseThrow();
    ClockUtil.setCurrentTime(Date.from(meeting.endsAt()));
    assertThat(updates("panel1", caseCode).getStatusCode()).as("the meeting's end: a hard limit, open or not")
        .isEqualTo(HttpStatus.FORBIDDEN);
    ClockUtil.setCurrentTime(Date.from(meeting.heldOn()));

    ResponseEntity<Map<String, Object>> agenda = rest.withBasicAuth("chair", "demo").exchange("/api/panels/" + panelId + "/agenda",
        HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(agenda.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(agenda.getBody().get("status")).isEqualTo("PUBLISHED");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) agenda.getBody().get("items");
    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item).containsEntry("caseCode", caseCode).containsEntry("reviewType", "NEW").containsEntry("slotMinutes", 15)
          .containsKey("time").containsEntry("soos", List.of(soo));
    });
    assertThat(agenda.getBody().toString()).doesNotContain(r.victim().name()).doesNotContain(r.externalReference());
    assertThat(jdbc.queryForList("select case_code from access_audit where user_id = 'chair' and action = 'READ_AGENDA' and detail = ?",
        String.class, "panel " + panelId)).as("the access record names the agenda's case").containsExactly(caseCode);
    assertThat(rest.withBasicAuth(soo, "demo").getForEntity("/api/panels/" + panelId + "/agenda", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(updates("panel1", caseCode).getStatusCode()).as("the meeting started, but not named as present")
        .isEqualTo(HttpStatus.FORBIDDEN);
    complete(task("recordAttendance", panel), withVariables("membersPresent", List.of("chair", "panel1", "psd1"),
        "partnersPresent", List.of("partner1"), "partnerAgenciesAttending", 1L));
    for (org.camunda.bpm.engine.task.Task ack : taskService.createTaskQuery().processInstanceId(panel.getId())
        .taskDefinitionKey(ScrutinyPanelProcess.ACKNOWLEDGE_CONFIDENTIALITY).list()) {
      complete(ack, withVariables("confidentialityAcknowledged", true));
    }
    for (String attendee : List.of("chair", "panel1", "partner1", "psd1", soo)) {
      ResponseEntity<String> read = updates(attendee, caseCode);
      assertThat(read.getStatusCode()).as(attendee).isEqualTo(HttpStatus.OK);
      assertThat(read.getBody()).contains("Investigation ongoing").doesNotContain(r.victim().name());
    }
    assertThat(updates(otherSoo, caseCode).getStatusCode()).as("another SOO").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(updates("manager", caseCode).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    complete(task("recordOutcome", panel), withVariables("directionForVictim", "Keep updating", "directionForInvestigation", "Continue"));
    execute(job("sendOutcome", panel));
    execute(job("closeMeeting", panel));

    for (String attendee : List.of("chair", "panel1", "partner1", "psd1")) {
      assertThat(updates(attendee, caseCode).getStatusCode()).as(attendee + " after the meeting").isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(updates(soo, caseCode).getStatusCode()).as("their own case, still allocated").isEqualTo(HttpStatus.OK);
    assertThat(updates("coordinator", caseCode).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where case_code = ? and action = 'READ_CASE_UPDATES' and outcome = 'REFUSED'",
        Integer.class, caseCode)).isEqualTo(10);
  }

  private ResponseEntity<String> updates(String user, String caseCode) {
    return rest.withBasicAuth(user, "demo").getForEntity("/api/cases/" + caseCode + "/updates", String.class);
  }
}
