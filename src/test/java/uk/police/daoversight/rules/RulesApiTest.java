package uk.police.daoversight.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** Analysts change a decision table safely: checks, dry run, versions, rollback, audit. */
@IntegrationTest
class RulesApiTest extends EngineTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;
  @Autowired RulesService rulesService;

  @Test
  void anAcceptedChangeIsUsedByTheNextCaseListedWithItsDiffAndRolledBack() throws IOException {
    String slots = table("panelSlotMinutes").replace("<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>30</text>",
        "<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>45</text>");
    String cases = csv("panelSlotMinutes").lines()
        .map(l -> l.contains(",true,30") ? l.replace(",true,30", ",true,45") : l).collect(Collectors.joining("\n"));
    long versionsBefore = versionCount("panelSlotMinutes");

    ResponseEntity<Map<String, Object>> deployed = multipart("analyst", "panelSlotMinutes", slots, cases, false);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    int changedVersion = (Integer) deployed.getBody().get("version");
    assertThat(versionCount("panelSlotMinutes")).isEqualTo(versionsBefore + 1);
    try {
      assertThat(nextConferenceMinutes()).isEqualTo(45);

      ResponseEntity<List<Map<String, Object>>> versions = rest.withBasicAuth("analyst", "demo").exchange(
          "/api/rules/panelSlotMinutes/versions", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
      assertThat(versions.getStatusCode()).isEqualTo(HttpStatus.OK);
      Map<String, Object> latest = versions.getBody().get(versions.getBody().size() - 1);
      assertThat(latest).containsEntry("version", changedVersion).containsEntry("deployedBy", "analyst");
      assertThat(latest.get("changes").toString()).contains("Rule complexSlot: slotMinutes 30 → 45");
      assertThat(versions.getBody().get(0)).containsEntry("deployedBy", "application deployment");
    } finally {
      ResponseEntity<Map<String, Object>> rolledBack = rest.withBasicAuth("analyst", "demo").exchange(
          "/api/rules/panelSlotMinutes/versions/" + (changedVersion - 1) + "/rollback", HttpMethod.POST, null, JSON);
      assertThat(rolledBack.getStatusCode()).isEqualTo(HttpStatus.CREATED);
      assertThat(rolledBack.getBody().get("version")).isEqualTo(changedVersion + 1);
    }
    assertThat(nextConferenceMinutes()).as("after rollback").isEqualTo(30);
    assertThat(jdbc.queryForObject("select count(*) from access_audit where user_id = 'analyst' and action in ('RULES_CHANGE', 'RULES_ROLLBACK') and outcome = 'ALLOWED'",
        Integer.class)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void eachReasonToRefuseIsGivenAndNothingIsDeployed() throws IOException {
    String good = table("panelSlotMinutes");
    Map<String, String> refusals = Map.of(
        "hello, this is not a table", "Not a DMN file",
        good.replace("id=\"panelSlotMinutes\"", "id=\"panelSlots\""), "The decision key may not change",
        good.replace("<text>complex</text>", "<text>isComplex</text>"), "Input 'complex' is removed or renamed",
        good.replace("name=\"slotMinutes\"", "name=\"minutes\""), "Output 'slotMinutes' is removed or renamed",
        good.replace("<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>30</text>",
            "<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>\"thirty\"</text>"), "is not of type integer",
        good.replace("<text>\"NEW\"</text>", "<text>\"NEW</text>"), "does not parse",
        good.replace(" camunda:historyTimeToLive=\"2557\"", ""), "No history time to live",
        good.replace("<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>30</text>",
            "<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>45</text>"), "expected slotMinutes = 30, the new table gives 45");
    long before = versionCount("panelSlotMinutes");
    refusals.forEach((candidate, reason) -> {
      assertThat(candidate).as("the test's edit applies").isNotEqualTo(good);
      ResponseEntity<Map<String, Object>> answer = raw("analyst", "panelSlotMinutes", candidate);
      assertThat(answer.getStatusCode()).as(reason).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody().get("reasons").toString()).as(reason).contains(reason);
    });
    assertThat(raw("analyst", "panelSlotMinutes", table("scrutinyPanel", "processes", ".bpmn")).getBody().get("reasons").toString())
        .contains("Not a DMN file");
    assertThat(versionCount("panelSlotMinutes")).isEqualTo(before);
  }

  @Test
  void aDryRunCountsTheOpenCasesThatWouldBeRoutedDifferently() throws IOException {
    String routing = table("complexCaseRouting");
    String candidate = routing.replace("<outputEntry id=\"serialPerpetratorConferenceRoute\">\n          <text>\"CASE_CONFERENCE\"</text>",
        "<outputEntry id=\"serialPerpetratorConferenceRoute\">\n          <text>\"PANEL\"</text>");
    assertThat(candidate).isNotEqualTo(routing);
    String cases = csv("complexCaseRouting").lines().map(l -> {
      String[] c = l.split(",");
      return c[0].equals("false") && c[1].equals("false") && c[2].equals("true") ? l.replace("CASE_CONFERENCE", "PANEL") : l;
    }).collect(Collectors.joining("\n"));

    // Open cases of the last 12 months only: the seeded ones, started three years ahead.
    ClockUtil.setCurrentTime(Date.from(new Date().toInstant().plus(Duration.ofDays(3 * 365))));
    CaseDriver driver = new CaseDriver(runtimeService);
    driver.start(civilianPerpetrator(true, false));
    driver.start(civilianPerpetrator(true, false));
    driver.start(civilianPerpetrator(false, true));
    driver.start(civilianPerpetrator(false, false));
    driver.start(Referrals.policeVictim("MASH"));

    ResponseEntity<Map<String, Object>> answer = multipart("analyst", "complexCaseRouting", candidate, cases, true);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).containsEntry("refusals", List.of()).containsEntry("casesConsidered", 5)
        .containsEntry("casesChanged", 2).containsEntry("changedOutputs", Map.of("route", 2));
    assertThat(versionCount("complexCaseRouting")).as("a dry run deploys nothing")
        .isEqualTo(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("complexCaseRouting").count());
    assertThat(jdbc.queryForObject("select count(*) from rule_deployment where decision_key = 'complexCaseRouting'", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from access_audit where user_id = 'analyst' and action = 'RULES_DRY_RUN' and outcome = 'ALLOWED'",
        Integer.class)).as("the dry run is audited").isPositive();
    // Each case is evaluated with the decision's declared inputs only, never the case's other variables.
    java.util.Set<String> inputs = RuleContract.of("complexCaseRouting").inputs().keySet();
    assertThat(rulesService.openCaseFacts(inputs)).hasSize(5)
        .allSatisfy((code, facts) -> assertThat(facts.keySet()).containsExactlyInAnyOrderElementsOf(inputs));
  }

  @Test
  void onlyAnalystsMayChangeRules() throws IOException {
    for (String user : List.of("coordinator", "manager", "admin", "chair", "soo1")) {
      assertThat(raw(user, "panelSlotMinutes", table("panelSlotMinutes")).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(rest.withBasicAuth(user, "demo").getForEntity("/api/rules/panelSlotMinutes/versions", String.class).getStatusCode())
          .as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void analystsSeeHowEachTableDecidedWithoutIdentities() {
    ReferralRequest referral = Referrals.policeVictim("CALL_101");
    new CaseDriver(runtimeService).start(referral);
    ResponseEntity<String> history = rest.withBasicAuth("analyst", "demo").getForEntity(
        "/engine-rest/history/decision-instance?decisionDefinitionKey=complexCaseRouting&includeInputs=true&includeOutputs=true&maxResults=500",
        String.class);
    assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(history.getBody()).contains("bothPartiesPolice").contains("CASE_CONFERENCE")
        .doesNotContain(referral.victim().name()).doesNotContain(referral.externalReference());
    assertThat(rest.withBasicAuth("soo1", "demo").getForEntity(
        "/engine-rest/history/decision-instance?decisionDefinitionKey=complexCaseRouting&maxResults=10", String.class).getBody())
        .isEqualTo("[]");
  }

  private int nextConferenceMinutes() {
    CaseDriver driver = new CaseDriver(runtimeService);
    ProcessInstance theCase = driver.start(Referrals.policeVictim("PSD"));
    driver.reviewHistory(theCase);
    driver.allocateAsRecommended(theCase);
    ProcessInstance conference = runtimeService.createProcessInstanceQuery().processDefinitionKey("caseConference")
        .processInstanceBusinessKey(theCase.getBusinessKey()).singleResult();
    return (Integer) runtimeService.getVariable(conference.getId(), "conferenceMinutes");
  }

  private static ReferralRequest civilianPerpetrator(boolean serial, boolean counterAllegation) {
    ReferralRequest r = Referrals.policeVictim("MASH");
    return new ReferralRequest(r.route(), r.externalReference(), r.victim(),
        new ReferralRequest.PartyRequest("Civilian Person", null, false, null, null, null, null), List.of(), "MEDIUM",
        counterAllegation, serial, false);
  }

  private long versionCount(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).count();
  }

  private ResponseEntity<Map<String, Object>> raw(String user, String key, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    return rest.withBasicAuth(user, "demo").exchange("/api/rules/" + key, HttpMethod.POST,
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), JSON);
  }

  private ResponseEntity<Map<String, Object>> multipart(String user, String key, String dmn, String csv, boolean dryRun) {
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", named(dmn, key + ".dmn"));
    parts.add("regression", named(csv, key + ".regression.csv"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, "demo").exchange("/api/rules/" + key + (dryRun ? "?dryRun=true" : ""), HttpMethod.POST,
        new HttpEntity<>(parts, headers), JSON);
  }

  private static ByteArrayResource named(String content, String name) {
    return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private static String table(String key) throws IOException {
    return table(key, "dmn", ".dmn");
  }

  private static String table(String key, String folder, String suffix) throws IOException {
    return Files.readString(Path.of(folder, key + suffix));
  }

  private static String csv(String key) throws IOException {
    return Files.readString(Path.of("dmn", key + ".regression.csv"));
  }
}
