package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;
import uk.police.daoversight.support.WebappSession;

/** What an insider might try, and what they get. */
@IntegrationTest
class InsiderAttemptsTest extends EngineTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void anotherSooFindsNoTraceOfACaseThroughAnyEndpoint() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("COLLEAGUE"));
    driver.reviewHistory(pi);
    String sooA = driver.allocateAsRecommended(pi);
    String sooB = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(sooA)).findFirst().orElseThrow();
    String code = pi.getBusinessKey();
    String id = pi.getId();
    String taskId = taskService.createTaskQuery().processInstanceId(id).taskAssignee(sooA).singleResult().getId();

    List<String> lists = List.of(
        "/engine-rest/task?processInstanceBusinessKey=" + code + "&maxResults=50",
        "/engine-rest/task?processInstanceId=" + id + "&maxResults=50",
        "/engine-rest/process-instance?businessKey=" + code + "&maxResults=50",
        "/engine-rest/history/process-instance?processInstanceBusinessKey=" + code + "&maxResults=50",
        "/engine-rest/history/process-instance?processInstanceId=" + id + "&maxResults=50",
        "/engine-rest/history/task?processInstanceId=" + id + "&maxResults=50",
        "/engine-rest/history/variable-instance?processInstanceId=" + id + "&maxResults=50",
        "/engine-rest/history/activity-instance?processInstanceId=" + id + "&maxResults=50",
        "/engine-rest/variable-instance?processInstanceIdIn=" + id + "&maxResults=50",
        "/engine-rest/history/detail?processInstanceId=" + id + "&maxResults=50");
    for (String path : lists) {
      ResponseEntity<String> b = rest.withBasicAuth(sooB, "demo").getForEntity(path, String.class);
      assertThat(b.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(b.getBody()).as(sooB + " " + path).isEqualTo("[]");
    }
    assertThat(rest.withBasicAuth(sooA, "demo").getForEntity(lists.get(2), String.class).getBody()).as("the allocated SOO").contains(id);
    assertThat(rest.withBasicAuth(sooA, "demo").getForEntity(lists.get(3), String.class).getBody()).contains(id);
    for (String path : List.of("/engine-rest/task/" + taskId, "/engine-rest/task/" + taskId + "/variables",
        "/engine-rest/task/" + taskId + "/form-variables", "/engine-rest/process-instance/" + id,
        "/engine-rest/process-instance/" + id + "/variables", "/engine-rest/history/process-instance/" + id,
        "/api/cases/" + code + "/identity", "/api/cases/" + code + "/updates", "/api/audit?caseCode=" + code)) {
      ResponseEntity<String> b = rest.withBasicAuth(sooB, "demo").getForEntity(path, String.class);
      assertThat(b.getStatusCode().value()).as(path).isIn(403, 404);
      assertThat(b.getBody()).as(path).doesNotContain("Zanzibar").doesNotContain("at org.");
    }
    assertThat(rest.withBasicAuth(sooA, "demo").getForEntity("/engine-rest/task/" + taskId + "/variables", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    List<Map<String, Object>> trail = jdbc.queryForList(
        "select user_id, action, outcome from access_audit where case_code = ? and action = 'READ_ENGINE'", code);
    assertThat(trail).filteredOn(r -> sooB.equals(r.get("USER_ID"))).hasSizeGreaterThanOrEqualTo(lists.size())
        .allSatisfy(r -> assertThat(r.get("OUTCOME")).isEqualTo("REFUSED"));
    assertThat(trail).filteredOn(r -> sooA.equals(r.get("USER_ID"))).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("OUTCOME")).isEqualTo("ALLOWED"));
  }

  @Test
  void theWebappsWorkUnderTheQueryCapAndTheirCaseReadsAreAudited() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("MASH"));
    String taskId = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();

    WebappSession coordinator = WebappSession.login(rest, "coordinator", "tasklist");
    ResponseEntity<String> filters = coordinator.get("/camunda/api/engine/engine/default/filter?resourceType=Task&itemCount=true");
    assertThat(filters.getStatusCode()).as("Tasklist's unbounded filter list").isEqualTo(HttpStatus.OK);
    assertThat(filters.getBody()).contains("My tasks");
    assertThat(coordinator.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity("/engine-rest/filter", String.class).getStatusCode())
        .as("engine-rest must page").isEqualTo(HttpStatus.BAD_REQUEST);

    WebappSession soo = WebappSession.login(rest, "soo2", "tasklist");
    assertThat(soo.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables").getStatusCode().value()).isIn(403, 404);

    assertThat(jdbc.queryForList("select user_id, outcome from access_audit where case_code = ? and action = 'READ_ENGINE'",
        pi.getBusinessKey())).extracting(r -> r.get("USER_ID") + ":" + r.get("OUTCOME"))
        .contains("coordinator:ALLOWED", "soo2:REFUSED");
  }

  @Test
  void expressionsInAdhocQueriesAreRefusedAlsoInsideOrQueries() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    for (String body : List.of("{\"assigneeExpression\":\"${currentUser()}\"}",
        "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}",
        "{\"orQueries\":[{\"candidateGroupsExpression\":\"#{currentUserGroups()}\"}]}")) {
      ResponseEntity<String> answer = rest.withBasicAuth("soo1", "demo").exchange("/engine-rest/task?maxResults=5",
          HttpMethod.POST, new HttpEntity<>(body, json), String.class);
      assertThat(answer.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("Expressions are forbidden");
    }
    assertThat(rest.withBasicAuth("soo1", "demo").getForEntity("/engine-rest/task?assigneeExpression={e}&maxResults=5",
        String.class, "${currentUser()}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("soo1", "demo").exchange("/engine-rest/task?maxResults=5", HttpMethod.POST,
        new HttpEntity<>("{\"orQueries\":[{\"assignee\":\"soo1\"}]}", json), String.class).getStatusCode())
        .as("a plain nested query still works").isEqualTo(HttpStatus.OK);
    // The refusal is the engine's now (EngineGuard), so it needs a logged-in caller: without one the webapps answer 401.
    assertThat(WebappSession.login(rest, "soo1", "tasklist").get("/camunda/api/engine/engine/default/task?assigneeExpression="
        + "%24%7BcurrentUser()%7D").getStatusCode()).as("the webapps' engine API").isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void onlyAdministratorsMayDeploy() {
    for (String user : List.of("coordinator", "analyst", "manager", "soo1")) {
      LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
      parts.add("deployment-name", "smuggled");
      parts.add("data", new org.springframework.core.io.ByteArrayResource("<definitions/>".getBytes()) {
        @Override
        public String getFilename() {
          return "smuggled.bpmn";
        }
      });
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      ResponseEntity<String> answer = rest.withBasicAuth(user, "demo").exchange("/engine-rest/deployment/create",
          HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void theAdminSetupEndpointIsClosedOnceAnAdministratorExists() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST,
        new HttpEntity<>("{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@n.invalid\"},"
            + "\"credentials\":{\"password\":\"Intruder-Passw0rd-2026!\"}}", json), String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody()).contains("Setup is closed");
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void repeatedWrongPasswordsLockTheAccountForAWhile() {
    User user = identityService.newUser("lockout-check");
    user.setPassword("Correct-Horse-7-Battery");
    ((IdentityServiceImpl) identityService).saveUser(user, true);
    for (int i = 0; i < 3; i++) {
      assertThat(rest.withBasicAuth("lockout-check", "wrong").getForEntity("/engine-rest/identity/groups?userId=lockout-check",
          String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(rest.withBasicAuth("lockout-check", "Correct-Horse-7-Battery")
        .getForEntity("/engine-rest/identity/groups?userId=lockout-check", String.class).getStatusCode())
        .as("the right password during the lock").isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void errorsCarryNoStackTraceAndTheApisSendStrictHeaders() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> malformed = rest.withBasicAuth("coordinator", "demo").exchange("/engine-rest/process-definition/key/oversightCase/start",
        HttpMethod.POST, new HttpEntity<>("{not json", json), String.class);
    assertThat(malformed.getStatusCode().is4xxClientError()).isTrue();
    assertThat(malformed.getBody()).doesNotContain("at org.").doesNotContain("at java.");
    ResponseEntity<String> api = rest.withBasicAuth("coordinator", "demo").exchange("/api/referrals", HttpMethod.POST,
        new HttpEntity<>("{not json", json), String.class);
    assertThat(api.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.getBody()).doesNotContain("at org.");
    assertThat(api.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(api.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isNotBlank();
    String cookies = String.join(";", page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE));
    assertThat(cookies).contains("XSRF-TOKEN").containsIgnoringCase("SameSite=Strict");
  }

  @Test
  void theAccessAuditCannotBeChangedOrDeleted() {
    rest.withBasicAuth("manager", "demo").getForEntity("/api/cases/ABCD-EFGH/identity", String.class);
    Integer rows = jdbc.queryForObject("select count(*) from access_audit", Integer.class);
    assertThat(rows).isPositive();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from access_audit"))
        .hasMessageContaining("append-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("update access_audit set outcome = 'ALLOWED'"))
        .hasMessageContaining("append-only");
    assertThat(jdbc.queryForObject("select count(*) from access_audit", Integer.class)).isGreaterThanOrEqualTo(rows);
  }

  @Test
  void onlyInformationGovernanceReadsTheAuditAsJsonOrCsv() {
    rest.withBasicAuth("manager", "demo").getForEntity("/api/cases/ABCD-EFGH/identity", String.class);
    ResponseEntity<String> json = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?user=manager", String.class);
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.getBody()).contains("\"action\":\"READ_IDENTITY\"").contains("\"outcome\":\"REFUSED\"").contains("ABCD-EFGH");
    ResponseEntity<String> csv = rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?caseCode=ABCD-EFGH&format=csv&recipient=PSD investigation", String.class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody()).startsWith("id,occurredAt,userId,caseCode,attempted,action,outcome,detail,purpose,purposeNote,recipient").contains("\"manager\"");
    assertThat(rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?from=yesterday", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    for (String user : List.of("coordinator", "manager", "admin", "psd1")) {
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/audit", String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(rest.withBasicAuth("auditor", "demo").getForEntity("/api/audit?user=coordinator", String.class).getBody())
        .contains("READ_AUDIT");
  }
}
