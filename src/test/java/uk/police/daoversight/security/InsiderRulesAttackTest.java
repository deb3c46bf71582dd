package uk.police.daoversight.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.intake.ReferralRequest;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/**
 * An analyst who has read the code tries to make a decision table run code, read case variables or
 * return more than the processes expect. Each attempt is refused with a reason naming the rule, and
 * nothing is deployed: the decision's latest version is the one before the attempt.
 */
@IntegrationTest
class InsiderRulesAttackTest extends EngineTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
  private static final String MARKER = "oversight.rulesAttack";
  private static final String SLOT_30 = "<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>30</text>";
  private static final String SLOT_COMPLEX_TRUE = "<inputEntry id=\"complexSlotComplex\">\n          <text>true</text>";

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void noMarker() {
    System.clearProperty(MARKER);
  }

  @Test
  void aJuelInputEntryThatWouldSetASystemPropertyIsRefusedUnevaluated() throws IOException {
    String attack = table("panelSlotMinutes").replace(SLOT_COMPLEX_TRUE,
        "<inputEntry id=\"complexSlotComplex\" expressionLanguage=\"juel\">\n          <text>${''.getClass().forName('java.lang.System')"
            + ".getMethod('setProperty', ''.getClass(), ''.getClass()).invoke(null, '" + MARKER + "', 'juel') != null}</text>");
    refused("panelSlotMinutes", attack, "Rule 'complexSlot'", "juel", "only FEEL");
    refusedDryRun("panelSlotMinutes", attack, "Rule 'complexSlot'", "juel");
    // The same text with no language attribute: not plain FEEL either.
    refused("panelSlotMinutes", table("panelSlotMinutes").replace(SLOT_COMPLEX_TRUE,
        "<inputEntry id=\"complexSlotComplex\">\n          <text>${''.getClass().forName('java.lang.System')"
            + ".getMethod('setProperty', ''.getClass(), ''.getClass()).invoke(null, '" + MARKER + "', 'el')}</text>"),
        "Rule 'complexSlot'", "only plain FEEL");
    assertThat(System.getProperty(MARKER)).isNull();
  }

  @Test
  void aJavaScriptOrGroovyOutputEntryIsRefused() throws IOException {
    refused("panelSlotMinutes", table("panelSlotMinutes").replace(SLOT_30,
        "<outputEntry id=\"complexSlotSlotMinutes\" expressionLanguage=\"javascript\">\n          "
            + "<text>java.lang.System.setProperty(\"" + MARKER + "\", \"js\"); 30</text>"),
        "Rule 'complexSlot'", "javascript", "only FEEL");
    refused("panelSlotMinutes", table("panelSlotMinutes").replace(SLOT_30,
        "<outputEntry id=\"complexSlotSlotMinutes\" expressionLanguage=\"groovy\">\n          "
            + "<text>System.setProperty('" + MARKER + "', 'groovy'); 30</text>"),
        "Rule 'complexSlot'", "groovy");
    refused("panelSlotMinutes", table("panelSlotMinutes").replace(SLOT_30,
        "<outputEntry id=\"complexSlotSlotMinutes\" camunda:expressionLanguage=\"python\">\n          <text>30</text>"),
        "Rule 'complexSlot'", "python");
    assertThat(System.getProperty(MARKER)).isNull();
  }

  @Test
  void aNonFeelDefaultLanguageOnTheTableOrTheFileIsRefused() throws IOException {
    String good = table("panelSlotMinutes");
    refused("panelSlotMinutes", good.replace("<decisionTable id=\"panelSlotMinutesTable\"",
        "<decisionTable id=\"panelSlotMinutesTable\" expressionLanguage=\"juel\""), "table's default language", "juel");
    refused("panelSlotMinutes", good.replace("id=\"panelSlotMinutesDefinitions\"",
        "id=\"panelSlotMinutesDefinitions\" expressionLanguage=\"JavaScript\""), "file's default language", "JavaScript");
    refused("panelSlotMinutes", good.replace("<inputExpression id=\"complexExpression\" typeRef=\"boolean\">",
        "<inputExpression id=\"complexExpression\" typeRef=\"boolean\" expressionLanguage=\"juel\">"), "complexExpression", "juel");
  }

  @Test
  void anInputExpressionOrEntryReadingAnotherVariableIsRefused() throws IOException {
    String good = table("panelSlotMinutes");
    refused("panelSlotMinutes", good.replace("<text>complex</text>", "<text>${execution.getVariable('victimName')}</text>"),
        "is not one the processes supply", "Input 'complex' is removed");
    refused("panelSlotMinutes", good.replace("<text>complex</text>", "<text>victimName</text>"),
        "Input 'victimName' is not one the processes supply");
    refused("panelSlotMinutes", good.replace(SLOT_COMPLEX_TRUE,
        "<inputEntry id=\"complexSlotComplex\">\n          <text>= perpetratorName</text>"),
        "Rule 'complexSlot'", "the name 'perpetratorName'");
    // A FEEL function call or a path into a value is no plain table either.
    refused("panelSlotMinutes", good.replace(SLOT_COMPLEX_TRUE,
        "<inputEntry id=\"complexSlotComplex\">\n          <text>get value(context, \"x\") = true</text>"),
        "Rule 'complexSlot'", "the name 'get'");
  }

  @Test
  void aNewOutputValueIsRefused() throws IOException {
    String routing = table("complexCaseRouting");
    String attack = routing.replace("<outputEntry id=\"standardPanelRoute\">\n          <text>\"PANEL\"</text>",
        "<outputEntry id=\"standardPanelRoute\">\n          <text>\"CLOSE_WITHOUT_PANEL\"</text>");
    assertThat(attack).isNotEqualTo(routing);
    refused("complexCaseRouting", attack, "Rule 'standardPanel'", "CLOSE_WITHOUT_PANEL", "not one of its values");
    refused("complexCaseRouting", routing.replace("<outputEntry id=\"standardPanelRoute\">\n          <text>\"PANEL\"</text>",
        "<outputEntry id=\"standardPanelRoute\">\n          <text>if bothPartiesPolice then \"PANEL\" else \"NONE\"</text>"),
        "Rule 'standardPanel'", "not one of its values");
  }

  @Test
  void aNewOutputOrInputColumnIsRefused() throws IOException {
    String good = table("panelSlotMinutes");
    String newOutput = good
        .replace("<output id=\"slotMinutesOutput\" label=\"Slot length (minutes)\" name=\"slotMinutes\" typeRef=\"integer\" />",
            "<output id=\"slotMinutesOutput\" label=\"Slot length (minutes)\" name=\"slotMinutes\" typeRef=\"integer\" />\n"
                + "      <output id=\"extraOutput\" name=\"skipContact\" typeRef=\"boolean\" />")
        .replaceAll("(<outputEntry id=\"(\\w+)SlotMinutes\">\\s*<text>[^<]*</text>\\s*</outputEntry>)",
            "$1<outputEntry id=\"$2Extra\"><text>true</text></outputEntry>");
    assertThat(newOutput).contains("complexSlotExtra");
    refused("panelSlotMinutes", newOutput, "Output 'skipContact' is new");
    String newInput = good
        .replace("<input id=\"complexInput\" label=\"Complex case\">",
            "<input id=\"victimInput\"><inputExpression id=\"victimExpression\" typeRef=\"string\"><text>victimName</text>"
                + "</inputExpression></input>\n      <input id=\"complexInput\" label=\"Complex case\">")
        .replaceAll("(<rule id=\"\\w+\">\\s*<description>[^<]*</description>\\s*<inputEntry id=\"\\w+\">\\s*<text>[^<]*</text>\\s*</inputEntry>)",
            "$1<inputEntry><text>-</text></inputEntry>");
    refused("panelSlotMinutes", newInput, "Input 'victimName' is not one the processes supply");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunThatWouldReadOtherCaseVariablesIsRefusedAndAudited() throws IOException {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    new CaseDriver(runtimeService).start(referral);
    String triage = table("panelTriage");
    String attack = triage.replaceFirst("<text>\"Chair asked to see it again\"</text>", "<text>caseCode</text>");
    assertThat(attack).isNotEqualTo(triage);
    int refusedBefore = audits("REFUSED");
    ResponseEntity<Map<String, Object>> answer = dryRun("panelTriage", attack);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("refusals").toString()).contains("Rule 'requestedBackPriority'", "the name 'caseCode'");
    assertThat(answer.getBody()).containsEntry("casesConsidered", 0);
    assertThat(audits("REFUSED")).isEqualTo(refusedBefore + 1);

    // An accepted dry run reports only the decision's own outputs, evaluated from its own inputs.
    String legit = triage.replace("<text>\"Routine update\"</text>", "<text>\"Routine\"</text>");
    assertThat(legit).isNotEqualTo(triage);
    int allowedBefore = audits("ALLOWED");
    ResponseEntity<Map<String, Object>> ok = multipart("panelTriage", legit, csv("panelTriage").replace("Routine update", "Routine"), true);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ok.getBody()).containsEntry("refusals", List.of());
    String body = ok.getBody().toString();
    assertThat(body).doesNotContain(referral.victim().name()).doesNotContain(referral.externalReference());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> examples = (List<Map<String, Object>>) ok.getBody().get("examples");
    for (Map<String, Object> example : examples) {
      assertThat(((Map<String, Object>) example.get("wouldBe")).keySet()).isSubsetOf("priority", "priorityReason");
      assertThat(((Map<String, Object>) example.get("now")).keySet()).isSubsetOf("priority", "priorityReason");
    }
    assertThat(audits("ALLOWED")).isEqualTo(allowedBefore + 1);
  }

  @Test
  void rollbackRefusesVersionsThatCannotExistAndWorksPastAnyVersion() throws IOException {
    int latest = latestVersion("panelSlotMinutes");
    assertThat(rollback("panelSlotMinutes", "-1").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rollback("panelSlotMinutes", "-1").getBody().get("message").toString()).contains("numbered from 1");
    assertThat(rollback("panelSlotMinutes", "0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<Map<String, Object>> missing = rollback("panelSlotMinutes", "99");
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getBody().get("message").toString()).contains("No version 99");
    assertThat(rollback("panelSlotMinutes", "abc").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rollback("panelSlotMinutes", "99999999999999").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rollback("noSuchDecision", "1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(latestVersion("panelSlotMinutes")).as("nothing deployed").isEqualTo(latest);

    // Two further versions (45, then 40 minutes for a complex case), then back to version 1.
    String release = table("panelSlotMinutes");
    for (String minutes : List.of("45", "40")) {
      String changed = release.replace(SLOT_30, "<outputEntry id=\"complexSlotSlotMinutes\">\n          <text>" + minutes + "</text>");
      String cases = csv("panelSlotMinutes").replace(",true,30", ",true," + minutes);
      assertThat(multipart("panelSlotMinutes", changed, cases).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }
    int beforeRollback = latestVersion("panelSlotMinutes");
    assertThat(beforeRollback).isGreaterThanOrEqualTo(3);
    ResponseEntity<Map<String, Object>> back = rollback("panelSlotMinutes", "1");
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(back.getBody()).containsEntry("version", beforeRollback + 1).containsEntry("rolledBackTo", 1);
    assertThat(resource(latest("panelSlotMinutes"))).isEqualTo(resource(version("panelSlotMinutes", 1)));
  }

  @Test
  void anythingBesideTheOneDecisionIsRefused() throws IOException {
    String good = table("panelSlotMinutes");
    String smuggled = good.replace("<dmndi:DMNDI>",
        "<decision id=\"panelTriage\" name=\"x\" camunda:historyTimeToLive=\"1\"><literalExpression id=\"le\">"
            + "<text>1</text></literalExpression></decision>\n  <dmndi:DMNDI>");
    int triage = latestVersion("panelTriage");
    refused("panelSlotMinutes", smuggled, "may hold only the decision 'panelSlotMinutes'", "panelTriage");
    assertThat(latestVersion("panelTriage")).isEqualTo(triage);
    refused("panelSlotMinutes", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + good.substring(good.indexOf("?>") + 2),
        "Not a DMN file");
  }

  private void refused(String key, String candidate, String... reasons) {
    int before = latestVersion(key);
    long recorded = jdbc.queryForObject("select count(*) from rule_deployment where decision_key = ?", Long.class, key);
    for (MediaType type : List.of(MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN)) {
      ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("analyst", "demo").exchange("/api/rules/" + key,
          HttpMethod.POST, xml(candidate.getBytes(StandardCharsets.UTF_8), type), JSON);
      assertThat(answer.getStatusCode()).as(String.join(", ", reasons)).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody().get("reasons").toString()).as(answer.getBody().toString()).contains(reasons);
      assertThat(answer.getBody().toString()).doesNotContain("at org.", "Exception");
    }
    assertThat(latestVersion(key)).as("nothing deployed").isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from rule_deployment where decision_key = ?", Long.class, key)).isEqualTo(recorded);
    assertThat(System.getProperty(MARKER)).as("no code ran").isNull();
  }

  private void refusedDryRun(String key, String candidate, String... reasons) {
    int before = latestVersion(key);
    ResponseEntity<Map<String, Object>> answer = dryRun(key, candidate);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().get("refusals").toString()).contains(reasons);
    assertThat(latestVersion(key)).isEqualTo(before);
    assertThat(System.getProperty(MARKER)).isNull();
  }

  private ResponseEntity<Map<String, Object>> dryRun(String key, String candidate) {
    return rest.withBasicAuth("analyst", "demo").exchange("/api/rules/" + key + "?dryRun=true", HttpMethod.POST,
        xml(candidate.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_XML), JSON);
  }

  private ResponseEntity<Map<String, Object>> rollback(String key, String version) {
    return rest.withBasicAuth("analyst", "demo").exchange("/api/rules/" + key + "/versions/" + version + "/rollback",
        HttpMethod.POST, null, JSON);
  }

  private ResponseEntity<Map<String, Object>> multipart(String key, String dmn, String csv) {
    return multipart(key, dmn, csv, false);
  }

  private ResponseEntity<Map<String, Object>> multipart(String key, String dmn, String csv, boolean dryRun) {
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    parts.add("file", named(dmn, key + ".dmn"));
    parts.add("regression", named(csv, key + ".regression.csv"));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth("analyst", "demo").exchange("/api/rules/" + key + (dryRun ? "?dryRun=true" : ""), HttpMethod.POST,
        new HttpEntity<>(parts, headers), JSON);
  }

  private static org.springframework.core.io.ByteArrayResource named(String content, String name) {
    return new org.springframework.core.io.ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  private int audits(String outcome) {
    return jdbc.queryForObject("select count(*) from access_audit where user_id = 'analyst' and action = 'RULES_DRY_RUN' and outcome = ?",
        Integer.class, outcome);
  }

  private static HttpEntity<byte[]> xml(byte[] body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return new HttpEntity<>(body, headers);
  }

  private DecisionDefinition latest(String key) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
  }

  private DecisionDefinition version(String key, int version) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).decisionDefinitionVersion(version).singleResult();
  }

  private int latestVersion(String key) {
    DecisionDefinition latest = latest(key);
    return latest == null ? 0 : latest.getVersion();
  }

  private byte[] resource(DecisionDefinition definition) throws IOException {
    try (var in = repositoryService.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      return in.readAllBytes();
    }
  }

  private static String table(String key) throws IOException {
    return Files.readString(Path.of("dmn", key + ".dmn"));
  }

  private static String csv(String key) throws IOException {
    return Files.readString(Path.of("dmn", key + ".regression.csv"));
  }
}
