package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.closure.PanelOutcomes;
import uk.police.daoversight.process.CaseVariables;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * A SOO (and a coordinator) who has read the code tries to steer a case by sending variables the form
 * does not offer, through every client: engine-rest, the webapps' engine API with a Tasklist session.
 * Each attempt is refused with a 400 or 403 that names what was refused, and changes nothing.
 */
@IntegrationTest
class InsiderFormAttackTest extends EngineTest {

  private static final String CASE_CODE = CaseVariables.CASE_CODE.getName();
  private static final String RISK_LEVEL = CaseVariables.RISK_LEVEL.getName();
  private static final String ALLOCATED_SOO = CaseVariables.ALLOCATED_SOO.getName();
  private static final String ASSIGNED_SOO = CaseVariables.ASSIGNED_SOO.getName();
  private static final String CONTACT_DUE = CaseVariables.CONTACT_DUE_DATE.getName();
  private static final String OUTCOME = CaseVariables.CONTACT_OUTCOME.getName();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  private ProcessInstance pi;
  private String soo;
  private Task contact;
  private Date due;

  @BeforeEach
  void aCaseWaitingForFirstContact() {
    pi = new CaseDriver(runtimeService).toFirstContact(Referrals.policeVictim("COLLEAGUE"));
    contact = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("contactVictim").singleResult();
    soo = contact.getAssignee();
    assertThat(soo).isNotNull();
    due = (Date) runtimeService.getVariable(pi.getId(), CONTACT_DUE);
    assertThat(due).isNotNull();
  }

  @Test
  void engineRestCompleteWithARiskLevelIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete",
        variables(Map.of(OUTCOME, "UNREACHABLE", RISK_LEVEL, "STANDARD")));
    refused(answer, 400, RISK_LEVEL, "is not a field of this form");
    assertThat(runtimeService.getVariable(pi.getId(), RISK_LEVEL)).isEqualTo("MEDIUM");
    stillOpen();
  }

  @Test
  void engineRestSubmitFormPointingTheCaseAtAnotherSooIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/submit-form",
        variables(Map.of(OUTCOME, "UNREACHABLE", ALLOCATED_SOO, otherSoo(), ASSIGNED_SOO, otherSoo())));
    refused(answer, 400, ALLOCATED_SOO, ASSIGNED_SOO);
    assertThat(runtimeService.getVariable(pi.getId(), ALLOCATED_SOO)).isEqualTo(soo);
    assertThat(runtimeService.getVariable(contact.getExecutionId(), ASSIGNED_SOO)).isEqualTo(soo);
    stillOpen();
  }

  @Test
  void engineRestCompletePointingTheTaskAtAnotherCaseIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete",
        variables(Map.of(OUTCOME, "UNREACHABLE", CASE_CODE, "ZZZZ-0000")));
    refused(answer, 400, CASE_CODE, "read-only");
    assertThat(runtimeService.getVariable(pi.getId(), CASE_CODE)).isEqualTo(pi.getBusinessKey());
    stillOpen();
  }

  @Test
  void engineRestResolveWithAnExtraVariableIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/resolve",
        variables(Map.of(OUTCOME, "UNREACHABLE", "closureDecision", "APPROVE")));
    refused(answer, 400, "closureDecision", "is not a field of this form");
    assertThat(runtimeService.getVariable(pi.getId(), "closureDecision")).isNull();
    stillOpen();
  }

  @Test
  void tasklistSessionMovingTheContactDeadlineIsRefused() {
    WebappSession session = WebappSession.login(rest, soo, "tasklist");
    ResponseEntity<String> answer = session.post("/camunda/api/engine/engine/default/task/" + contact.getId() + "/submit-form",
        variables(Map.of(OUTCOME, "UNREACHABLE", CONTACT_DUE, "2099-01-01T00:00:00")));
    refused(answer, 400, CONTACT_DUE, "read-only");
    assertThat(runtimeService.getVariable(pi.getId(), CONTACT_DUE)).isEqualTo(due);
    stillOpen();
  }

  @Test
  void tasklistSessionLoweringTheRiskLevelIsRefused() {
    WebappSession session = WebappSession.login(rest, soo, "tasklist");
    ResponseEntity<String> answer = session.post("/camunda/api/engine/engine/default/task/" + contact.getId() + "/submit-form",
        variables(Map.of(OUTCOME, "UNREACHABLE", RISK_LEVEL, "STANDARD")));
    refused(answer, 400, RISK_LEVEL);
    assertThat(runtimeService.getVariable(pi.getId(), RISK_LEVEL)).isEqualTo("MEDIUM");
    stillOpen();
  }

  @Test
  void aRequiredFieldMissingIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete", variables(Map.of()));
    refused(answer, 400, OUTCOME, "is required");
    stillOpen();
  }

  @Test
  void aValueTheFormDoesNotOfferIsRefused() {
    Map<String, Object> values = engaged();
    values.put(CaseVariables.CONTACT_INTERVAL.getName(), "P365D");
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete", variables(values));
    refused(answer, 400, CaseVariables.CONTACT_INTERVAL.getName(), "offered values");
    assertThat(runtimeService.getVariable(contact.getExecutionId(), CaseVariables.CONTACT_INTERVAL.getName())).isNull();
    stillOpen();
  }

  @Test
  void anOverLongTextIsRefusedWithoutEchoingIt() {
    Map<String, Object> values = engaged();
    String secret = "Vicky's number is 07700 900123 " + "x".repeat(200);
    values.put(CaseVariables.SAFE_CONTACT_CHANNEL.getName(), secret);
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete", variables(values));
    refused(answer, 400, CaseVariables.SAFE_CONTACT_CHANNEL.getName(), "at most 200 characters");
    assertThat(answer.getBody()).doesNotContain("07700");
    assertThat(runtimeService.getVariable(contact.getExecutionId(), CaseVariables.SAFE_CONTACT_CHANNEL.getName())).isNull();
    stillOpen();
  }

  @Test
  void aWrongTypeIsRefused() {
    Map<String, Object> values = engaged();
    values.put(CaseVariables.VOICEMAIL_SAFE.getName(), "yes");
    ResponseEntity<String> answer = asSoo("/engine-rest/task/" + contact.getId() + "/complete", variables(values));
    refused(answer, 400, CaseVariables.VOICEMAIL_SAFE.getName(), "true or false");
    assertThat(runtimeService.getVariable(contact.getExecutionId(), CaseVariables.VOICEMAIL_SAFE.getName())).isNull();
    stillOpen();
  }

  @Test
  void movingTheTasksDueDateIsRefused() {
    Date before = contact.getDueDate();
    HttpHeaders json = jsonHeaders();
    ResponseEntity<String> answer = rest.withBasicAuth(soo, "demo").exchange("/engine-rest/task/" + contact.getId(),
        HttpMethod.PUT, new HttpEntity<>("{\"name\":\"Contact victim\",\"due\":\"2099-01-01T00:00:00.000+0000\","
            + "\"followUp\":\"2099-01-01T00:00:00.000+0000\",\"priority\":1,\"assignee\":\"" + soo + "\"}", json), String.class);
    refused(answer, 403, "due date");
    Task after = taskService.createTaskQuery().taskId(contact.getId()).singleResult();
    assertThat(after.getDueDate()).isEqualTo(before);
    assertThat(after.getFollowUpDate()).isNull();
    assertThat(after.getPriority()).isEqualTo(contact.getPriority());
  }

  @Test
  void settingProcessInstanceVariablesIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/process-instance/" + pi.getId() + "/variables",
        "{\"modifications\":{\"" + RISK_LEVEL + "\":{\"value\":\"STANDARD\"},\"" + CONTACT_DUE
            + "\":{\"value\":\"2099-01-01T00:00:00.000+0000\",\"type\":\"Date\"}}}");
    refused(answer, 403, "variables");
    assertThat(runtimeService.getVariable(pi.getId(), RISK_LEVEL)).isEqualTo("MEDIUM");
    assertThat(runtimeService.getVariable(pi.getId(), CONTACT_DUE)).isEqualTo(due);
  }

  @Test
  void settingTaskAndExecutionLocalVariablesIsRefused() {
    ResponseEntity<String> task = asSoo("/engine-rest/task/" + contact.getId() + "/localVariables",
        "{\"modifications\":{\"" + OUTCOME + "\":{\"value\":\"DECLINED\"}}}");
    refused(task, 403, "variables");
    ResponseEntity<String> put = rest.withBasicAuth(soo, "demo").exchange("/engine-rest/task/" + contact.getId()
        + "/variables/" + ASSIGNED_SOO, HttpMethod.PUT, new HttpEntity<>("{\"value\":\"" + otherSoo() + "\"}", jsonHeaders()), String.class);
    refused(put, 403, "variables");
    ResponseEntity<String> execution = asSoo("/engine-rest/execution/" + contact.getExecutionId() + "/localVariables",
        "{\"modifications\":{\"" + ASSIGNED_SOO + "\":{\"value\":\"soo5\"}}}");
    assertThat(execution.getStatusCode().value()).as(execution.getBody()).isIn(403, 404);
    assertThat(taskService.getVariableLocal(contact.getId(), OUTCOME)).isNull();
    assertThat(runtimeService.getVariable(contact.getExecutionId(), ASSIGNED_SOO)).isEqualTo(soo);
    stillOpen();
  }

  @Test
  void modificationWithVariablesIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/process-instance/" + pi.getId() + "/modification",
        "{\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"approveClosure\","
            + "\"variables\":{\"closureDecision\":{\"value\":\"APPROVE\",\"local\":false}}}]}");
    refused(answer, 403, "administrators");
    assertThat(runtimeService.getVariable(pi.getId(), "closureDecision")).isNull();
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("approveClosure").count()).isZero();
    stillOpen();
  }

  @Test
  void messageCorrelationWithVariablesIsRefused() {
    ResponseEntity<String> answer = asSoo("/engine-rest/message", "{\"messageName\":\"" + PanelOutcomes.MESSAGE
        + "\",\"businessKey\":\"" + pi.getBusinessKey() + "\",\"processVariables\":{\"" + CaseVariables.PANEL_REQUESTED_RETURN.getName()
        + "\":{\"value\":true,\"type\":\"Boolean\"},\"" + RISK_LEVEL + "\":{\"value\":\"STANDARD\"}}}");
    refused(answer, 403, RISK_LEVEL);
    assertThat(runtimeService.getVariable(pi.getId(), RISK_LEVEL)).isEqualTo("MEDIUM");
    assertThat(runtimeService.getVariable(pi.getId(), CaseVariables.PANEL_REQUESTED_RETURN.getName())).isEqualTo(false);
    stillOpen();
  }

  @Test
  void batchVariablesSignalsAndAsyncMessagesWithVariablesAreRefused() {
    long batches = managementService.createBatchQuery().count();
    refused(asSoo("/engine-rest/process-instance/variables-async", "{\"processInstanceIds\":[\"" + pi.getId()
        + "\"],\"variables\":{\"" + RISK_LEVEL + "\":{\"value\":\"STANDARD\"}}}"), 403, "administrators");
    refused(asSoo("/engine-rest/signal", "{\"name\":\"anything\",\"variables\":{\"" + RISK_LEVEL
        + "\":{\"value\":\"STANDARD\"}}}"), 403, "signal");
    refused(asSoo("/engine-rest/process-instance/message-async", "{\"messageName\":\"" + PanelOutcomes.MESSAGE + "\",\"processInstanceIds\":[\""
        + pi.getId() + "\"],\"variables\":{\"" + RISK_LEVEL + "\":{\"value\":\"STANDARD\"}}}"), 403, "administrators");
    assertThat(runtimeService.getVariable(pi.getId(), RISK_LEVEL)).isEqualTo("MEDIUM");
    assertThat(managementService.createBatchQuery().count()).isEqualTo(batches);
    stillOpen();
  }

  @Test
  void movingTheTimerOrFiringItIsRefused() {
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .filter(j -> j.getDuedate() != null).findFirst().orElseThrow();
    HttpHeaders json = jsonHeaders();
    ResponseEntity<String> moved = rest.withBasicAuth(soo, "demo").exchange("/engine-rest/job/" + timer.getId() + "/duedate",
        HttpMethod.PUT, new HttpEntity<>("{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}", json), String.class);
    refused(moved, 403, "deadlines");
    ResponseEntity<String> fired = asSoo("/engine-rest/job/" + timer.getId() + "/execute", "{}");
    refused(fired, 403, "deadlines");
    Job after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after).isNotNull();
    assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());
  }

  @Test
  void claimingTheTaskForAnotherSooIsRefusedButGivingItBackAndTakingItWorks() {
    refused(asSoo("/engine-rest/task/" + contact.getId() + "/assignee", "{\"userId\":\"" + otherSoo() + "\"}"), 403, "someone else");
    assertThat(taskService.createTaskQuery().taskId(contact.getId()).singleResult().getAssignee()).isEqualTo(soo);
    refused(asSoo("/engine-rest/task/" + contact.getId() + "/identity-links", "{\"userId\":\"" + otherSoo() + "\",\"type\":\"candidate\"}"),
        403, "allocation desk");
    assertThat(taskService.getIdentityLinksForTask(contact.getId())).noneMatch(l -> otherSoo().equals(l.getUserId()));

    // Tasklist's own claim and unclaim keep working (a coordinator on a group task)
    ProcessInstance other = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH"));
    String review = taskService.createTaskQuery().processInstanceId(other.getId()).taskDefinitionKey("reviewHistory")
        .singleResult().getId();
    WebappSession session = WebappSession.login(rest, "coordinator", "tasklist");
    String base = "/camunda/api/engine/engine/default/task/" + review;
    refused(session.post(base + "/claim", "{\"userId\":\"" + otherSoo() + "\"}"), 403, "only for themselves");
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
    assertThat(session.post(base + "/claim", "{\"userId\":\"coordinator\"}").getStatusCode().value()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isEqualTo("coordinator");
    assertThat(session.post(base + "/unclaim", "{}").getStatusCode().value()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isNull();
    assertThat(session.post(base + "/claim", "{\"userId\":\"coordinator\"}").getStatusCode().value()).isEqualTo(204);
    assertThat(session.post(base + "/submit-form", variables(Map.of(CASE_CODE, other.getBusinessKey(),
        "historyReviewed", true))).getStatusCode().value()).as("Tasklist's submission").isEqualTo(204);
    assertThat(runtimeService.getVariable(other.getId(), "historyReviewed")).isEqualTo(true);
  }

  @Test
  void tasklistSubmittingTheFormAsItWasShownWorksAndLeavesTheReadOnlyFieldsAlone() {
    WebappSession session = WebappSession.login(rest, soo, "tasklist");
    Map<String, Object> values = engaged();
    values.put(CASE_CODE, pi.getBusinessKey());
    // as Tasklist shows a Date: local time, no zone
    values.put(CONTACT_DUE, java.time.LocalDateTime.ofInstant(due.toInstant(), java.time.ZoneOffset.ofHours(1))
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
    ResponseEntity<String> answer = session.post("/camunda/api/engine/engine/default/task/" + contact.getId() + "/submit-form",
        variables(values));
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(contact.getId()).count()).isZero();
    assertThat(runtimeService.getVariable(pi.getId(), CONTACT_DUE)).as("still the Date the process set").isEqualTo(due);
    assertThat(runtimeService.getVariable(pi.getId(), CASE_CODE)).isEqualTo(pi.getBusinessKey());
  }

  @Test
  void aCoordinatorStartingACaseWithAnExtraVariableIsRefused() {
    String reference = Referrals.uniqueReference();
    Map<String, Object> referral = new LinkedHashMap<>();
    referral.put("route", "MASH");
    referral.put("externalReference", reference);
    referral.put("riskLevel", "HIGH");
    referral.put("victimName", "Vera Marlowe");
    referral.put("victimPoliceEmployee", true);
    referral.put("victimStaffNumber", "VS1234");
    referral.put("perpetratorName", "Paul Marlowe");
    referral.put("perpetratorPoliceEmployee", false);
    referral.put(CASE_CODE, "ZZZZ-0001");
    referral.put(ALLOCATED_SOO, "soo5");
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count();
    for (String path : List.of("/engine-rest/process-definition/key/oversightCase/start",
        "/engine-rest/process-definition/key/oversightCase/submit-form")) {
      ResponseEntity<String> answer = rest.withBasicAuth("coordinator", "demo").postForEntity(path,
          new HttpEntity<>(variables(referral), jsonHeaders()), String.class);
      refused(answer, 400, CASE_CODE, ALLOCATED_SOO);
      assertThat(answer.getBody()).doesNotContain("Vera").doesNotContain(reference);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count()).isEqualTo(before);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("ZZZZ-0001").count()).isZero();

    referral.remove(CASE_CODE);
    referral.remove(ALLOCATED_SOO);
    referral.put("riskLevel", "NEGLIGIBLE");
    refused(rest.withBasicAuth("coordinator", "demo").postForEntity("/engine-rest/process-definition/key/oversightCase/start",
        new HttpEntity<>(variables(referral), jsonHeaders()), String.class), 400, "riskLevel", "offered values");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count()).isEqualTo(before);

    referral.put("riskLevel", "HIGH");
    ResponseEntity<String> honest = rest.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/process-definition/key/oversightCase/submit-form", new HttpEntity<>(variables(referral), jsonHeaders()), String.class);
    assertThat(honest.getStatusCode().value()).as(honest.getBody()).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count()).isEqualTo(before + 1);
  }

  @Test
  void aCoordinatorStartingAConferenceForAChosenCaseIsRefused() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference").count();
    ResponseEntity<String> answer = rest.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/process-definition/key/caseConference/start",
        new HttpEntity<>("{\"businessKey\":\"" + pi.getBusinessKey() + "\",\"variables\":{\"" + CASE_CODE + "\":{\"value\":\""
            + pi.getBusinessKey() + "\"}}}", jsonHeaders()), String.class);
    refused(answer, 400, "businessKey", CASE_CODE);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference").count()).isEqualTo(before);
  }

  // ---- helpers

  private String otherSoo() {
    return "soo5".equals(soo) ? "soo4" : "soo5";
  }

  private Map<String, Object> engaged() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(OUTCOME, "ENGAGED");
    values.put(CaseVariables.CONTACT_INTERVAL.getName(), "P14D");
    values.put(CaseVariables.SAFE_CONTACT_CHANNEL.getName(), "personal mobile");
    values.put(CaseVariables.SAFE_CONTACT_TIMES.getName(), "weekday evenings");
    values.put(CaseVariables.VOICEMAIL_SAFE.getName(), false);
    return values;
  }

  private void stillOpen() {
    assertThat(taskService.createTaskQuery().taskId(contact.getId()).count()).as("the task is still open").isEqualTo(1);
    assertThat(runtimeService.getVariable(contact.getExecutionId(), OUTCOME)).as("nothing of the submission was stored").isNull();
  }

  private static void refused(ResponseEntity<String> answer, int status, String... mentions) {
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
    assertThat(answer.getBody()).contains(mentions).doesNotContain("at org.", "ENGINE-");
  }

  private ResponseEntity<String> asSoo(String path, String json) {
    return rest.withBasicAuth(soo, "demo").postForEntity(path, new HttpEntity<>(json, jsonHeaders()), String.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    return json;
  }

  /** Tasklist's shape: {"variables": {name: {"value": v}}}, untyped as Tasklist sends them. */
  private static String variables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    try {
      return JSON.writeValueAsString(Map.of("variables", variables));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
