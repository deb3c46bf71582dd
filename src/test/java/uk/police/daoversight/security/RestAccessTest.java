package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.police.daoversight.support.IntegrationTest;

/** engine-rest and /api require credentials; each demo user gets exactly what their group was granted. */
@IntegrationTest
class RestAccessTest {

  @Autowired TestRestTemplate rest;

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/process-definition", "/engine-rest/task", "/engine-rest/process-instance",
      "/engine-rest/history/process-instance", "/engine-rest/user", "/engine-rest/authorization",
      "/engine-rest/deployment", "/engine-rest/history/decision-instance", "/engine-rest/variable-instance",
      "/api/soos", "/api/cases/ABCD-EFGH/identity", "/api/cases/ABCD-EFGH/updates", "/api/audit",
      "/api/panels/x/agenda", "/api/rules/panelSlotMinutes/versions"})
  void withoutCredentialsEveryPathAnswers401(String path) {
    ResponseEntity<String> answer = rest.getForEntity(path, String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void startingACaseWithoutCredentialsAnswers401() {
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(rest.postForEntity("/engine-rest/process-definition/key/oversightCase/start", new HttpEntity<>("{}", json), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String path : List.of("/api/referrals", "/api/cases/ABCD-EFGH/break-glass", "/api/cases/ABCD-EFGH/reallocation",
        "/api/rules/panelSlotMinutes", "/engine-rest/task", "/engine-rest/deployment/create")) {
      assertThat(rest.postForEntity(path, new HttpEntity<>("{}", json), String.class).getStatusCode()).as(path)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
  }

  @Test
  void aWrongPasswordAnswers401() {
    assertThat(rest.withBasicAuth("intruder", "guess").getForEntity("/engine-rest/process-definition", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void coordinatorsMayStartCasesAndManagersMayNot() {
    String tasklistStartList = "/engine-rest/process-definition?key=oversightCase&latestVersion=true"
        + "&startablePermissionCheck=true&startableInTasklist=true&maxResults=100";
    assertThat(list("coordinator", tasklistStartList)).hasSize(1);
    assertThat(list("manager", tasklistStartList)).isEmpty();
    assertThat(list("soo1", tasklistStartList)).isEmpty();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> managerStart = rest.withBasicAuth("manager", "demo").postForEntity(
        "/engine-rest/process-definition/key/oversightCase/start", new HttpEntity<>("{}", json), String.class);
    assertThat(managerStart.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(managerStart.getBody()).doesNotContain("at org.").doesNotContain("Exception:");
  }

  @Test
  void managersReadEveryDefinitionAnalystsOnlyDecisionsSoosOnlyTheirOwn() {
    assertThat(list("manager", "/engine-rest/process-definition?maxResults=100")).isNotEmpty();
    assertThat(list("manager", "/engine-rest/decision-definition?maxResults=100")).isNotEmpty();
    assertThat(list("analyst", "/engine-rest/decision-definition?maxResults=100")).isNotEmpty();
    assertThat(list("analyst", "/engine-rest/process-definition?maxResults=100")).isEmpty();
    assertThat(list("analyst", "/engine-rest/process-instance?maxResults=100")).isEmpty();
    assertThat(list("partner1", "/engine-rest/process-instance?maxResults=100")).isEmpty();
    assertThat(list("soo5", "/engine-rest/decision-definition?maxResults=100")).isEmpty();
  }

  @Test
  void onlyAdministratorsSeeUsersAndAuthorizations() {
    assertThat(list("admin", "/engine-rest/user?maxResults=100")).isNotEmpty();
    assertThat(list("manager", "/engine-rest/authorization?maxResults=100")).isEmpty();
    assertThat(list("coordinator", "/engine-rest/user?maxResults=100")).extracting(u -> u.get("id")).containsOnly("coordinator");
  }

  @Test
  void everyDemoUserCanLogIn() {
    for (String user : List.of("coordinator", "soo1", "soo2", "soo3", "soo4", "soo5", "soo6", "chair", "panel1",
        "partner1", "psd1", "analyst", "manager", "auditor", "admin")) {
      ResponseEntity<String> answer = rest.withBasicAuth(user, "demo").getForEntity("/engine-rest/identity/groups?userId=" + user, String.class);
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    }
  }

  private List<Map<String, Object>> list(String user, String path) {
    ResponseEntity<String> answer = rest.withBasicAuth(user, "demo").getForEntity(path, String.class);
    assertThat(answer.getStatusCode()).as("%s %s: %s", user, path, answer.getBody()).isEqualTo(HttpStatus.OK);
    try {
      return new ObjectMapper().readValue(answer.getBody(), new TypeReference<>() {});
    } catch (Exception e) {
      throw new AssertionError(user + " " + path + " answered " + answer.getBody(), e);
    }
  }
}
