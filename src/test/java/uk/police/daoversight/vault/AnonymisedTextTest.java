package uk.police.daoversight.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTables;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * Issue #17 item 7: the SOO writes the victim's name, or a phone number, into the update form; the
 * engine refuses the completion with a 400 naming the kind of detail (never the value), the task
 * stays open, and nothing of it reaches the engine's tables or history. A coordinator releases a
 * false positive (recorded in the access record) and exactly that text then passes.
 */
@IntegrationTest
class AnonymisedTextTest extends EngineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theVictimsNameOrAPhoneNumberInTheUpdateIsRefusedAndNothingReachesTheEngine() {
    ReferralRequest referral = Referrals.policeVictim("COLLEAGUE");
    ProcessInstance pi = new CaseDriver(runtimeService).toOversight(referral);
    Task update = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("updateCase").singleResult();
    String soo = update.getAssignee() != null ? update.getAssignee()
        : taskService.getIdentityLinksForTask(update.getId()).stream().filter(l -> l.getUserId() != null)
            .map(org.camunda.bpm.engine.task.IdentityLink::getUserId).findFirst().orElseThrow();
    String victimSurname = referral.victim().name().split(" ")[1];

    for (String[] attempt : new String[][] {
        {"Spoke to " + victimSurname + " about the hearing", "a name of someone in this case"},
        {"Victim now reachable on 07123 456789", "a phone number"}}) {
      ResponseEntity<String> answer = complete(soo, update.getId(), attempt[0]);
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("updateSummary", attempt[1], "Nothing was saved")
          .doesNotContain(victimSurname, "07123", "ENGINE-", "at org.");
      assertThat(taskService.createTaskQuery().taskId(update.getId()).count()).as("the task stays open").isEqualTo(1);
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
          .variableName("updateSummary").count()).isZero();
    }
    assertThat(EngineTables.scan(jdbc, List.of(victimSurname, "07123 456789"))).isEmpty();

    // A false positive: the coordinator releases it, the access record says so, and that text passes.
    String text = "Victim now reachable on 07123 456789";
    Map<String, Object> refusal = jdbc.queryForMap("select id, text from anonymity_refusal where case_code = ? and kinds = ?",
        pi.getBusinessKey(), "a phone number");
    assertThat((String) refusal.get("text")).startsWith("v1:").doesNotContain("07123");
    ResponseEntity<String> bySoo = rest.withBasicAuth(soo, "demo").postForEntity("/api/refused-texts/" + refusal.get("id") + "/release",
        null, String.class);
    assertThat(bySoo.getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> list = rest.withBasicAuth("coordinator", "demo")
        .getForEntity("/api/cases/" + pi.getBusinessKey() + "/refused-texts", String.class);
    assertThat(list.getStatusCode().value()).isEqualTo(200);
    assertThat(list.getBody()).contains(text);
    ResponseEntity<String> released = rest.withBasicAuth("coordinator", "demo")
        .postForEntity("/api/refused-texts/" + refusal.get("id") + "/release", null, String.class);
    assertThat(released.getStatusCode().value()).isEqualTo(204);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where action = ? and case_code = ? and user_id = 'coordinator'",
        Integer.class, AnonymisedText.RELEASE, pi.getBusinessKey())).isEqualTo(1);

    // The name is still refused; the released text goes through.
    assertThat(complete(soo, update.getId(), "Spoke to " + victimSurname + " about the hearing").getStatusCode().value()).isEqualTo(400);
    ResponseEntity<String> done = complete(soo, update.getId(), text);
    assertThat(done.getStatusCode().value()).as(done.getBody()).isIn(200, 204);
    assertThat(taskService.createTaskQuery().taskId(update.getId()).count()).isZero();
  }

  private ResponseEntity<String> complete(String soo, String taskId, String summary) {
    Map<String, Object> values = CaseDriver.updateAnswers(false, Map.of("updateSummary", summary));
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    try {
      return rest.withBasicAuth(soo, "demo").postForEntity("/engine-rest/task/" + taskId + "/complete",
          new HttpEntity<>(JSON.writeValueAsString(Map.of("variables", variables)), json), String.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
