package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.police.daoversight.access.StaffDirectory;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.TestUsers;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/**
 * A second, adversarial review of issue #15 by an insider who has read the code: other spellings of
 * the paths, other clients (engine-rest, the webapps' engine API and Cockpit's own plugin API with a
 * session), other encodings and other roles. Each attempt asserts the refusal and that nothing
 * happened (a marker the attack would have changed or learnt is unchanged or absent).
 */
@IntegrationTest
class InsiderReviewAttackTest extends EngineTest {

  static final String PERP = "yperp";
  static final String BOSS = "yboss";
  static final String MARKER_USER = "ymarker";
  static final String DEPARTMENT = "Roads Policing";
  static final List<String> TEST_USERS = List.of(PERP, BOSS, MARKER_USER);

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired AuthorizationService authorizationService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired StaffDirectory directory;

  private ProcessInstance pi;
  private Task contact;
  private String soo;

  @BeforeEach
  void aCaseWaitingForFirstContactAndAMarkerUser() {
    pi = new CaseDriver(runtimeService).toFirstContact(Referrals.policeVictim("COLLEAGUE"));
    contact = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("contactVictim").singleResult();
    soo = contact.getAssignee();
    user(MARKER_USER);
  }

  @AfterEach
  void cleanUp() {
    for (String id : TEST_USERS) {
      jdbc.update("delete from staff_directory where user_id = ?", id);
      identityService.createGroupQuery().groupMember(id).list().forEach(g -> identityService.deleteMembership(id, g.getId()));
      if (identityService.createUserQuery().userId(id).count() > 0) {
        identityService.deleteUser(id);
      }
    }
  }

  // ---- 1. expressions: other spellings of the path, other encodings ---------------------------------

  @Test
  void anExpressionThroughEngineRestsSecondSpellingIsRefusedAndDoesNotRun() {
    ResponseEntity<String> answer = call("coordinator", HttpMethod.GET,
        "/engine-rest/engine/default/task?assigneeExpression={e}", null, null,
        "${identityService.deleteUser('" + MARKER_USER + "')}");
    refusedWithoutTrace(answer);
    markerUserStillThere();
  }

  @Test
  void aJsonEscapedExpressionInANestedOrQueryThroughTasklistsSessionIsRefusedAndDoesNotRun() {
    WebappSession session = WebappSession.login(rest, "coordinator", "tasklist");
    // "${" written as JSON unicode escapes, two or-queries deep, as text/plain
    String body = "{\"orQueries\":[{\"orQueries\":[{\"assigneeExpression\":\"\\u0024\\u007bidentityService.deleteUser('"
        + MARKER_USER + "')}\"}]}]}";
    ResponseEntity<String> answer = session.send("/camunda/api/engine/engine/default/task?maxResults=5", HttpMethod.POST,
        body, MediaType.APPLICATION_JSON);
    refusedWithoutTrace(answer);
    ResponseEntity<String> plain = session.send("/camunda/api/engine/engine/default/task/count", HttpMethod.POST,
        body, MediaType.TEXT_PLAIN);
    assertThat(plain.getStatusCode().is2xxSuccessful()).as(plain.getBody()).isFalse();
    assertThat(plain.getStatusCode().value()).isLessThan(500);
    markerUserStillThere();
  }

  @Test
  void anExpressionBehindAPathParameterOrADoubleSlashIsRefusedAndDoesNotRun() {
    for (String path : List.of("/engine-rest/task;jsessionid=abc?dueDateExpression={e}",
        "/engine-rest//task?dueDateExpression={e}", "/engine-rest/task/?dueDateExpression={e}",
        "/engine-rest/task/count?followUpBeforeExpression={e}")) {
      ResponseEntity<String> answer = call("coordinator", HttpMethod.GET, path, null, null,
          "${identityService.deleteUser('" + MARKER_USER + "')}");
      assertThat(answer.getStatusCode().is2xxSuccessful()).as(path + " " + answer.getBody()).isFalse();
      assertThat(answer.getStatusCode().value()).as(path).isLessThan(500);
      markerUserStillThere();
    }
  }

  // ---- administration as a non-administrator --------------------------------------------------------

  @Test
  void aCoordinatorDeployingAScriptIsRefusedAndNothingIsDeployed() {
    String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"x\"><process id=\"yScript\" isExecutable=\"true\""
        + " camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"t\"/>"
        + "<scriptTask id=\"t\" scriptFormat=\"javascript\"><script>java.lang.Runtime.getRuntime()</script></scriptTask>"
        + "</process></definitions>";
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "yScriptDeployment");
    parts.add("data", new ByteArrayResource(bpmn.getBytes()) {
      @Override
      public String getFilename() {
        return "yScript.bpmn";
      }
    });
    ResponseEntity<String> answer = call("coordinator", HttpMethod.POST, "/engine-rest/deployment/create", parts,
        MediaType.MULTIPART_FORM_DATA);
    refusedWithoutTrace(answer);
    assertThat(repositoryService.createDeploymentQuery().deploymentName("yScriptDeployment").count()).isZero();
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("yScript").count()).isZero();
  }

  @Test
  void aCoordinatorGrantingHimselfEverythingOrJoiningTheAdministratorsIsRefused() {
    ResponseEntity<String> grant = call("coordinator", HttpMethod.POST, "/engine-rest/authorization/create",
        "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"coordinator\",\"resourceType\":8,\"resourceId\":\"*\"}",
        MediaType.APPLICATION_JSON);
    refusedWithoutTrace(grant);
    assertThat(authorizationService.createAuthorizationQuery().userIdIn("coordinator").resourceType(8).count()).isZero();

    ResponseEntity<String> join = call("coordinator", HttpMethod.PUT, "/engine-rest/group/camunda-admin/members/coordinator",
        null, null);
    refusedWithoutTrace(join);
    ResponseEntity<String> create = call("soo1", HttpMethod.POST, "/engine-rest/user/create",
        "{\"profile\":{\"id\":\"yintruder\",\"firstName\":\"I\",\"lastName\":\"N\"},\"credentials\":{\"password\":\"Intruder-Passw0rd!\"}}",
        MediaType.APPLICATION_JSON);
    refusedWithoutTrace(create);
    assertThat(identityService.createUserQuery().userId("coordinator").memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
    assertThat(identityService.createUserQuery().userId("yintruder").count()).isZero();
  }

  // ---- the case's timers, state and existence ----------------------------------------------------------

  @Test
  void theSooSuspendingHisCaseOrSilencingItsTimerIsRefused() {
    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().get(0);
    refusedWithoutTrace(call(soo, HttpMethod.PUT, "/engine-rest/process-instance/" + pi.getId() + "/suspended",
        "{\"suspended\":true}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call(soo, HttpMethod.PUT, "/engine-rest/job/" + timer.getId() + "/suspended",
        "{\"suspended\":true}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call(soo, HttpMethod.PUT, "/engine-rest/job/" + timer.getId() + "/retries",
        "{\"retries\":0}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call(soo, HttpMethod.DELETE, "/engine-rest/job/" + timer.getId(), null, null));
    refusedWithoutTrace(call(soo, HttpMethod.POST, "/engine-rest/job/retries",
        "{\"jobIds\":[\"" + timer.getId() + "\"],\"retries\":0}", MediaType.APPLICATION_JSON));
    Job after = managementService.createJobQuery().jobId(timer.getId()).singleResult();
    assertThat(after).isNotNull();
    assertThat(after.isSuspended()).isFalse();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().isSuspended()).isFalse();
  }

  @Test
  void aCoordinatorDeletingACaseOrItsHistoryOneByOneOrInABatchIsRefused() {
    long batches = managementService.createBatchQuery().count();
    refusedWithoutTrace(call("coordinator", HttpMethod.DELETE, "/engine-rest/process-instance/" + pi.getId(), null, null));
    refusedWithoutTrace(call("coordinator", HttpMethod.POST, "/engine-rest/process-instance/delete",
        "{\"processInstanceIds\":[\"" + pi.getId() + "\"],\"deleteReason\":\"gone\"}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call("coordinator", HttpMethod.POST, "/engine-rest/history/process-instance/delete",
        "{\"historicProcessInstanceIds\":[\"" + pi.getId() + "\"]}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call("manager", HttpMethod.POST, "/engine-rest/process-instance/suspended-async",
        "{\"processInstanceIds\":[\"" + pi.getId() + "\"],\"suspended\":true}", MediaType.APPLICATION_JSON));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).active().count()).isOne();
    assertThat(managementService.createBatchQuery().count()).isEqualTo(batches);
  }

  // ---- writing the case through other doors ---------------------------------------------------------

  @Test
  void aVariableUploadedAsABinaryOrThroughAMethodOverrideIsRefusedAndNotStored() {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("data", new ByteArrayResource("STANDARD".getBytes()) {
      @Override
      public String getFilename() {
        return "x.txt";
      }
    });
    parts.add("valueType", "Bytes");
    ResponseEntity<String> upload = call(soo, HttpMethod.POST,
        "/engine-rest/task/" + contact.getId() + "/localVariables/yUploaded/data", parts, MediaType.MULTIPART_FORM_DATA);
    refusedWithoutTrace(upload);
    assertThat(taskService.getVariableLocal(contact.getId(), "yUploaded")).isNull();

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.add("X-HTTP-Method-Override", "PUT");
    ResponseEntity<String> override = rest.withBasicAuth(soo, "demo").exchange(
        "/engine-rest/process-instance/" + pi.getId() + "/variables/riskLevel", HttpMethod.POST,
        new HttpEntity<>("{\"value\":\"STANDARD\",\"type\":\"String\"}", headers), String.class);
    assertThat(override.getStatusCode().is2xxSuccessful()).as(override.getBody()).isFalse();
    assertThat(override.getStatusCode().value()).isLessThan(500);
    assertThat(runtimeService.getVariable(pi.getId(), "riskLevel")).isEqualTo("MEDIUM");
  }

  @Test
  void aMessageWithABusinessKeyAndVariablesOrAConditionWithVariablesIsRefused() {
    long instances = runtimeService.createProcessInstanceQuery().count();
    refusedWithoutTrace(call("coordinator", HttpMethod.POST, "/engine-rest/message",
        "{\"messageName\":\"PanelOutcomeRecorded\",\"businessKey\":\"" + pi.getBusinessKey()
            + "\",\"processVariablesLocal\":{\"riskLevel\":{\"value\":\"STANDARD\"}},\"all\":true}", MediaType.APPLICATION_JSON));
    refusedWithoutTrace(call("coordinator", HttpMethod.POST, "/engine-rest/condition",
        "{\"variables\":{\"riskLevel\":{\"value\":\"STANDARD\"}}}", MediaType.APPLICATION_JSON));
    assertThat(runtimeService.getVariable(pi.getId(), "riskLevel")).isEqualTo("MEDIUM");
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableName("riskLevel")
        .list()).hasSize(1);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void aPartnerAgencyStartingACaseThroughSubmitFormIsRefused() {
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count();
    refusedWithoutTrace(call("partner1", HttpMethod.POST, "/engine-rest/process-definition/key/oversightCase/submit-form",
        "{\"businessKey\":\"" + pi.getBusinessKey() + "\",\"variables\":{}}", MediaType.APPLICATION_JSON));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").count()).isEqualTo(instances);
  }

  @Test
  void aCommentSentAsTextPlainThroughTheWebappsIsRefusedAndNotStored() {
    WebappSession session = WebappSession.login(rest, soo, "tasklist");
    ResponseEntity<String> answer = session.send("/camunda/api/engine/engine/default/task/" + contact.getId() + "/comment/create",
        HttpMethod.POST, "{\"message\":\"yComment\"}", MediaType.TEXT_PLAIN);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isFalse();
    assertThat(answer.getStatusCode().value()).isLessThan(500);
    assertThat(taskService.getTaskComments(contact.getId())).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from act_hi_comment where message_ like '%yComment%'", Integer.class))
        .isZero();
  }

  @Test
  void anotherSooReadingTheTasksFormVariablesOrRenderedFormGetsNothing() {
    String other = "soo1".equals(soo) ? "soo2" : "soo1";
    for (String path : List.of("/engine-rest/task/" + contact.getId() + "/form-variables",
        "/engine-rest/task/" + contact.getId() + "/rendered-form", "/engine-rest/task/" + contact.getId() + "/variables",
        "/engine-rest/execution/" + contact.getExecutionId() + "/localVariables",
        "/engine-rest/process-instance/" + pi.getId() + "/variables")) {
      ResponseEntity<String> answer = call(other, HttpMethod.GET, path, null, null);
      assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isIn(403, 404);
      assertThat(answer.getBody()).as(path).doesNotContain("MEDIUM").doesNotContain(pi.getBusinessKey());
    }
  }

  // ---- conflicts: counts and Cockpit's own API ---------------------------------------------------------

  @Test
  void thePerpetratorLearnsNothingOfHisCaseFromCountsWithVariableFilters() {
    ProcessInstance own = conflictedCase();
    String code = own.getBusinessKey();
    for (String path : List.of(
        "/engine-rest/process-instance/count?businessKey=" + code + "&variables=riskLevel_eq_HIGH",
        "/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + code + "&variables=riskLevel_eq_HIGH",
        "/engine-rest/task/count?processInstanceBusinessKey=" + code + "&processVariables=riskLevel_eq_HIGH",
        "/engine-rest/history/variable-instance/count?processInstanceId=" + own.getId() + "&variableName=riskLevel",
        "/engine-rest/execution/count?processInstanceId=" + own.getId())) {
      ResponseEntity<String> answer = call(PERP, HttpMethod.GET, path, null, null);
      assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isIn(200, 403);
      if (answer.getStatusCode().value() == 200) {
        assertThat(answer.getBody()).as(path + ": a yes/no oracle on his own case").isEqualTo("{\"count\":0}");
      }
    }
    WebappSession tasklist = WebappSession.login(rest, PERP, "tasklist");
    ResponseEntity<String> posted = tasklist.post("/camunda/api/engine/engine/default/process-instance/count",
        "{\"businessKey\":\"" + code + "\",\"variables\":[{\"name\":\"riskLevel\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}");
    assertThat(posted.getBody()).isEqualTo("{\"count\":0}");
  }

  @Test
  void hisLineManagerSeesNoneOfHisCaseInCockpitsOwnLists() {
    ProcessInstance own = conflictedCase();
    WebappSession cockpit = WebappSession.login(rest, BOSS, "cockpit");
    ResponseEntity<String> listed = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=2000",
        "{\"processDefinitionId\":\"" + own.getProcessDefinitionId() + "\"}");
    assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(200);
    assertThat(listed.getBody()).contains(pi.getId()).doesNotContain(own.getId()).doesNotContain(own.getBusinessKey());
    for (String query : List.of("{\"processDefinitionId\":\"" + own.getProcessDefinitionId() + "\",\"businessKey\":\""
        + own.getBusinessKey() + "\"}", "{\"businessKey\":\"" + own.getBusinessKey() + "\",\"activityIdIn\":[\"reviewHistory\"]}")) {
      ResponseEntity<String> counted = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance/count", query);
      assertThat(counted.getBody()).as("a yes/no oracle on his case: " + query).isEqualTo("{\"count\":0}");
    }
    ResponseEntity<String> others = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance/count",
        "{\"businessKey\":\"" + pi.getBusinessKey() + "\"}");
    assertThat(others.getBody()).as("another case is counted as before").isEqualTo("{\"count\":"
        + runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(pi.getBusinessKey()).count() + "}");
    ResponseEntity<String> engine = cockpit.get("/camunda/api/engine/engine/default/process-instance?businessKey="
        + own.getBusinessKey());
    assertThat(engine.getBody()).doesNotContain(own.getId());
  }

  @Test
  void aFormValueSmuggledAsAnObjectOrSentThroughTheSecondSpellingIsRefused() {
    // The offered value, but as a JSON-serialised Java object of another type: it would pass as the
    // text it serialises to and fail later, where the process reads it.
    String smuggled = "{\"variables\":{\"contactOutcome\":{\"type\":\"Object\",\"value\":\"\\\"UNREACHABLE\\\"\","
        + "\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\",\"serializationDataFormat\":\"application/json\"}}}}";
    ResponseEntity<String> answer = call(soo, HttpMethod.POST, "/engine-rest/task/" + contact.getId() + "/complete", smuggled,
        MediaType.APPLICATION_JSON);
    refusedWithoutTrace(answer);
    assertThat(taskService.createTaskQuery().taskId(contact.getId()).count()).as("the task is still open").isOne();
    assertThat(runtimeService.getVariable(pi.getId(), "contactOutcome")).isNull();

    ResponseEntity<String> second = call(soo, HttpMethod.PUT,
        "/engine-rest/engine/default/process-instance/" + pi.getId() + "/variables/riskLevel",
        "{\"value\":\"STANDARD\",\"type\":\"String\"}", MediaType.APPLICATION_JSON);
    refusedWithoutTrace(second);
    assertThat(runtimeService.getVariable(pi.getId(), "riskLevel")).isEqualTo("MEDIUM");
  }

  @Test
  void completingATaskThatNeverExistedIsA404AndAnExpressionSentAsHalJsonIsRefused() {
    ResponseEntity<String> ghost = call(soo, HttpMethod.POST, "/engine-rest/task/00000000-dead-beef-0000-000000000000/complete",
        "{\"variables\":{}}", MediaType.APPLICATION_JSON);
    assertThat(ghost.getStatusCode().value()).as(ghost.getBody()).isEqualTo(404);
    refusedWithoutTrace(ghost);

    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    ResponseEntity<String> hal = rest.withBasicAuth("coordinator", "demo").exchange("/engine-rest/task?candidateUserExpression={e}",
        HttpMethod.GET, new HttpEntity<>(headers), String.class, "${identityService.deleteUser('" + MARKER_USER + "')}");
    refusedWithoutTrace(hal);
    markerUserStillThere();
  }

  // ---- 7. resource limits: a body the container does not parse itself -------------------------------

  @Test
  void aChunkedFormBodyOverTheLimitSentAsPutIsRefusedBeforeItIsRead() throws Exception {
    // Spring's form-content filter reads PUT, PATCH and DELETE form bodies itself, to the end; chunked,
    // such a body declares no length, and the container's form limit applies to POST alone.
    byte[] big = ("available=false&padding=" + "x".repeat(3 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    String roster = "select count(*) from soo_roster where user_id = 'soo1' and available = true";
    Integer available = jdbc.queryForObject(roster, Integer.class);
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/soos/soo1"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("coordinator:demo".getBytes(StandardCharsets.UTF_8)))
          .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
      HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(method + " " + answer.body()).isEqualTo(413);
      assertThat(answer.body()).contains("larger than 1 MB");
    }
    assertThat(jdbc.queryForObject(roster, Integer.class)).as("soo1's roster entry unchanged").isEqualTo(available);
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private ProcessInstance conflictedCase() {
    user(PERP, Groups.CASE_COORDINATORS);
    user(BOSS, Groups.MANAGERS);
    directory.save(new StaffDirectory.Staff(PERP, "YC4242", DEPARTMENT, BOSS));
    directory.save(new StaffDirectory.Staff(BOSS, "YI5000", "Operations Command", null));
    ReferralRequest r = Referrals.policeVictim("COLLEAGUE");
    return new CaseDriver(runtimeService).start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Perpetrator Person", null, true, "YC4242", "Constable", DEPARTMENT, null),
        List.of(), "HIGH", false, false, false));
  }

  private void markerUserStillThere() {
    assertThat(identityService.createUserQuery().userId(MARKER_USER).count()).as("the expression did not run").isOne();
  }

  private static void refusedWithoutTrace(ResponseEntity<String> answer) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isIn(400, 403, 404);
    String body = String.valueOf(answer.getBody());
    assertThat(body).doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("Caused by");
  }

  private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body, MediaType type,
                                      Object... uriVariables) {
    HttpHeaders headers = new HttpHeaders();
    if (type != null) {
      headers.setContentType(type);
    }
    return rest.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), String.class, uriVariables);
  }

  private void user(String id, String... groups) {
    TestUsers.ensure(identityService, id, groups);
  }
}
