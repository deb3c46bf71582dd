package uk.police.daoversight.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Break glass, suspicious access alerts, reallocation: every grant ends when its reason ends. */
@IntegrationTest
class AccessControlTest extends EngineTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void init() {
    ClockUtil.setCurrentTime(new Date());
  }

  @Test
  void breakingTheGlassNeedsAReasonAlertsInformationGovernanceAndEndsByTheEndOfTheNextDay() {
    ProcessInstance pi = new CaseDriver(runtimeService).start(Referrals.policeVictim("PSD"));
    String code = pi.getBusinessKey();
    assertThat(identity("chair", code)).isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(breakGlass("chair", code, "urgent").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(breakGlass("soo1", code, "I would like to see this case please").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map<String, Object>> grant = rest.withBasicAuth("chair", "demo").exchange("/api/cases/" + code + "/break-glass",
        HttpMethod.POST, new HttpEntity<>(Map.of("reason", "Chair must review a threat-to-life report tonight",
            "until", Instant.now().plus(Duration.ofDays(30)).toString())), JSON);
    assertThat(grant.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Instant expires = Instant.parse((String) grant.getBody().get("expiresAt"));
    Instant endOfNextDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    assertThat(expires).isEqualTo(endOfNextDay);

    assertThat(identity("chair", code)).isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("chair", "demo").getForEntity("/api/cases/" + code + "/updates", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(identity("panel1", code)).as("only the person who broke the glass").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(alerts("chair", "BREAK_GLASS", code)).isEqualTo(1);
    ResponseEntity<String> igTasks = rest.withBasicAuth("auditor", "demo").getForEntity(
        "/engine-rest/task?processDefinitionKey=accessAlert&maxResults=2000", String.class);
    assertThat(igTasks.getBody()).contains("Review access alert");

    ClockUtil.setCurrentTime(Date.from(expires.plusSeconds(1)));
    assertThat(identity("chair", code)).as("after expiry").isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void thePerpetratorLookingUpTheirOwnCaseIsFlagged() {
    String code = caseWithPolicePerpetrator("PS4001", "Public Protection");
    assertThat(identity("panel1", code)).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(alerts("panel1", "PERPETRATOR_SELF", code)).isEqualTo(1);
  }

  @Test
  void someoneInThePerpetratorsDepartmentIsRefusedAndFlaggedEvenAsACoordinator() {
    String code = caseWithPolicePerpetrator("ZZ9999", "Public Protection");
    assertThat(identity("coordinator", code)).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(alerts("coordinator", "PERPETRATOR_DEPARTMENT", code)).isEqualTo(1);
  }

  @Test
  void someoneInThePerpetratorsLineOfCommandIsFlagged() {
    String code = caseWithPolicePerpetrator("CI1001", "Response North");
    assertThat(identity("manager", code)).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(alerts("manager", "LINE_OF_COMMAND", code)).isEqualTo(1);
  }

  @Test
  void someoneRefusedAgainAndAgainIsFlagged() {
    String code = new CaseDriver(runtimeService).start(Referrals.policeVictim("MASH")).getBusinessKey();
    for (int i = 0; i < 3; i++) {
      assertThat(identity("partner1", code)).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(alerts("partner1", "REPEATED_REFUSALS", null)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void reallocationMovesAccessAndWorkToTheNewSoo() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("LINE_MANAGER"));
    driver.reviewHistory(pi);
    String from = driver.allocateAsRecommended(pi);
    String to = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(from)).findFirst().orElseThrow();
    String code = pi.getBusinessKey();
    assertThat(identity(from, code)).isEqualTo(HttpStatus.OK);

    assertThat(reallocate("soo1", code, from, to).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map<String, Object>> refused = reallocate("coordinator", code, from, "soo6");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("message").toString()).contains("soo6 cannot be allocated: excluded role");
    assertThat(reallocate("coordinator", code, from, to).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(identity(from, code)).as("the old SOO").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(from, "demo").getForEntity("/engine-rest/process-instance?businessKey=" + code + "&maxResults=10",
        String.class).getBody()).isEqualTo("[]");
    assertThat(identity(to, code)).isEqualTo(HttpStatus.OK);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("readCasePack").singleResult().getAssignee())
        .isEqualTo(to);
    driver.readCasePack(pi, to);
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("contactVictim").singleResult().getAssignee())
        .as("later tasks go to the new SOO").isEqualTo(to);
    assertThat(jdbc.queryForList("select user_id, outcome from access_audit where case_code = ? and action = 'CASE_ACCESS'", code))
        .extracting(r -> r.get("USER_ID") + ":" + r.get("OUTCOME"))
        .contains(from + ":GRANTED", from + ":REVOKED", to + ":GRANTED");
  }

  @Test
  void afterClosureTheSooSeesNothingOfTheCaseAnyMore() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance pi = driver.start(Referrals.policeVictim("CALL_999"));
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    driver.readCasePack(pi, soo);
    driver.contact(pi, "ENGAGED", "P14D");
    String history = "/engine-rest/history/process-instance?processInstanceId=" + pi.getId() + "&maxResults=10";
    String tasks = "/engine-rest/history/task?processInstanceId=" + pi.getId() + "&maxResults=50";
    assertThat(rest.withBasicAuth(soo, "demo").getForEntity(history, String.class).getBody()).contains(pi.getId());
    driver.close(pi);

    assertThat(identity(soo, pi.getBusinessKey())).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth(soo, "demo").getForEntity(history, String.class).getBody()).isEqualTo("[]");
    assertThat(rest.withBasicAuth(soo, "demo").getForEntity(tasks, String.class).getBody()).isEqualTo("[]");
    assertThat(rest.withBasicAuth(soo, "demo").getForEntity("/engine-rest/history/variable-instance?processInstanceId="
        + pi.getId() + "&maxResults=50", String.class).getBody()).isEqualTo("[]");
  }

  private String caseWithPolicePerpetrator(String staffNumber, String department) {
    ReferralRequest r = Referrals.policeVictim("COLLEAGUE");
    return new CaseDriver(runtimeService).start(new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Perpetrator Person", null, true, staffNumber, "Constable", department, null),
        List.of(), "HIGH", false, false, false)).getBusinessKey();
  }

  /** Alerts raised (details in access_alert) whose review task is open (the process holds the alert's id). */
  private long alerts(String user, String kind, String caseCode) {
    List<String> ids = caseCode == null
        ? jdbc.queryForList("select id from access_alert where user_id = ? and kind = ? and case_code is null", String.class,
            user, kind)
        : jdbc.queryForList("select id from access_alert where user_id = ? and kind = ? and case_code = ?", String.class,
            user, kind, caseCode);
    return ids.stream().filter(id -> taskService.createTaskQuery().processDefinitionKey("accessAlert")
        .processInstanceBusinessKey(id).processVariableValueEquals("alertId", id).count() == 1).count();
  }

  private HttpStatus identity(String user, String code) {
    return HttpStatus.valueOf(rest.withBasicAuth(user, "demo").getForEntity("/api/cases/" + code + "/identity?purpose=ALLOCATION", String.class)
        .getStatusCode().value());
  }

  private ResponseEntity<Map<String, Object>> breakGlass(String user, String code, String reason) {
    return rest.withBasicAuth(user, "demo").exchange("/api/cases/" + code + "/break-glass", HttpMethod.POST,
        new HttpEntity<>(Map.of("reason", reason)), JSON);
  }

  private ResponseEntity<Map<String, Object>> reallocate(String user, String code, String from, String to) {
    return rest.withBasicAuth(user, "demo").exchange("/api/cases/" + code + "/reallocation", HttpMethod.POST,
        new HttpEntity<>(Map.of("from", from, "to", to, "reason", "SOO promoted to superintendent")), JSON);
  }
}
