package uk.police.daoversight.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * Issue #21 item 7: the managers' deadline board in Cockpit, through Cockpit's own plugin API and a
 * manager's Cockpit session, with time passing on the engine clock.
 */
@IntegrationTest
class DeadlinesCockpitPluginTest extends EngineTest {

  static final String BOARD = "/camunda/api/cockpit/plugin/deadlines/default/deadlines";
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aManagerSeesTheOverdueFirstContactFirstTheOneDueTomorrowNextAndNotTheOneStillDaysAway() throws Exception {
    CaseDriver driver = new CaseDriver(runtimeService);
    Instant start = Instant.now();
    ClockUtil.setCurrentTime(Date.from(start));
    ReferralRequest lateReferral = Referrals.policeVictim("MASH");
    ProcessInstance late = allocated(driver, lateReferral);
    String lateSoo = (String) runtimeService.getVariable(late.getId(), "allocatedSoo");
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(2))));
    ProcessInstance soon = allocated(driver, Referrals.policeVictim("IDVA"));
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(50))));
    ProcessInstance later = allocated(driver, Referrals.policeVictim("MASH"));
    // The late case's SOO never opened the pack: the 72 hours still run out.
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofHours(73))));

    WebappSession manager = WebappSession.login(rest, "manager", "cockpit");
    long before = jdbc.queryForObject("select coalesce(max(id), 0) from access_audit", Long.class);
    ResponseEntity<String> answer = manager.get(BOARD);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    String body = answer.getBody();
    List<JsonNode> ours = new ArrayList<>();
    for (JsonNode line : JSON.readTree(body)) {
      // (Each case's Victims' Code support referral has a deadline of its own, working days from the report.)
      if (List.of(late.getBusinessKey(), soon.getBusinessKey(), later.getBusinessKey()).contains(line.path("caseCode").asText())
          && line.path("deadline").asText().equals("First contact (72 hours)")) {
        ours.add(line);
      }
    }
    assertThat(ours).extracting(line -> line.path("caseCode").asText())
        .containsExactly(late.getBusinessKey(), soon.getBusinessKey());
    JsonNode first = ours.get(0);
    assertThat(first.path("deadline").asText()).isEqualTo("First contact (72 hours)");
    assertThat(first.path("overdue").asBoolean()).isTrue();
    assertThat(first.path("minutesLate").asLong()).isEqualTo(60);
    assertThat(first.path("soos").get(0).asText()).isEqualTo(lateSoo);
    assertThat(first.path("processInstanceId").asText()).isEqualTo(late.getId());
    assertThat(Instant.parse(first.path("due").asText())).as("72 hours from allocation")
        .isBetween(start.plus(Duration.ofHours(72)).minusSeconds(1), start.plus(Duration.ofHours(72)).plusSeconds(1));
    assertThat(ours.get(1).path("overdue").asBoolean()).isFalse();
    assertThat(ours.get(1).path("minutesLate").asLong()).as("due in an hour").isEqualTo(-60);
    // Nothing of who is involved goes out, only the board's columns.
    assertThat(body).doesNotContain(lateReferral.victim().name(), lateReferral.perpetrator().name(),
        lateReferral.victim().staffNumber(), lateReferral.externalReference(), "riskLevel", "MEDIUM");
    assertThat(first.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("caseCode", "deadline", "soos", "due", "minutesLate", "overdue", "processInstanceId");

    // The answer is on the access record, case by case, for the manager.
    List<String> recorded = jdbc.queryForList("select case_code from access_audit where id > ? and user_id = 'manager'"
        + " and action = 'READ_ENGINE' and outcome = 'ALLOWED'", String.class, before);
    assertThat(recorded).contains(late.getBusinessKey(), soon.getBusinessKey()).doesNotContain(later.getBusinessKey());

    // Contact made: the deadline is met and leaves the board.
    driver.readCasePack(late, lateSoo);
    driver.contact(late, "ENGAGED", "P14D");
    List<String> firstContacts = new ArrayList<>();
    for (JsonNode line : JSON.readTree(manager.get(BOARD).getBody())) {
      if (line.path("deadline").asText().equals("First contact (72 hours)")) {
        firstContacts.add(line.path("caseCode").asText());
      }
    }
    assertThat(firstContacts).doesNotContain(late.getBusinessKey()).contains(soon.getBusinessKey());
  }

  @Test
  void theBoardIsForManagersOnly() {
    WebappSession analyst = WebappSession.login(rest, "analyst", "cockpit");
    ResponseEntity<String> refused = analyst.get(BOARD);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody()).contains("The deadline board is for managers.").doesNotContain("Exception", "at org.");
    assertThat(rest.getForEntity(BOARD, String.class).getStatusCode().value()).as("no session").isIn(401, 403);
  }

  @Test
  void thePluginsScriptIsServedToCockpit() {
    WebappSession manager = WebappSession.login(rest, "manager", "cockpit");
    ResponseEntity<String> script = manager.get("/camunda/api/cockpit/plugin/deadlines/static/app/plugin.js");
    assertThat(script.getStatusCode().value()).isEqualTo(200);
    assertThat(script.getBody()).contains("pluginPoint: \"cockpit.dashboard\"").doesNotContain("innerHTML");
  }

  @Test
  void everyDeadlineKindIsATaskThatCarriesItsDueDateInTheModels() {
    List<String> withDueDates = new ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class).stream()
          .filter(task -> task.getCamundaDueDate() != null && !task.getCamundaDueDate().isBlank())
          .forEach(task -> withDueDates.add(task.getId()));
    }
    assertThat(withDueDates).contains(DeadlineKind.allTaskKeys());
  }

  private ProcessInstance allocated(CaseDriver driver, ReferralRequest referral) {
    ProcessInstance pi = driver.start(referral);
    driver.reviewHistory(pi);
    driver.allocateAsRecommended(pi);
    return pi;
  }
}
