package uk.police.daoversight.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.police.daoversight.support.CaseDriver;
import uk.police.daoversight.support.EngineTest;
import uk.police.daoversight.support.IntegrationTest;
import uk.police.daoversight.support.Referrals;

/** {@code POST /api/referrals} (201/400/409, also racing) and the identity endpoint (200/403). */
@IntegrationTest
class ReferralApiTest extends EngineTest {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  @Autowired uk.police.daoversight.vault.ReferenceKeys referenceKeys;

  @Test
  void aCoordinatorRecordsAReferralAndGetsTheCaseCode() {
    ReferralRequest referral = Referrals.policeVictim("CALL_999");
    ResponseEntity<Map<String, Object>> answer = post("coordinator", referral);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String caseCode = (String) answer.getBody().get("caseCode");
    assertThat(caseCode).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").processInstanceBusinessKey(caseCode).singleResult();
    assertThat(pi.getId()).isEqualTo(answer.getBody().get("processInstanceId"));
    assertThat(answer.getHeaders().getLocation()).hasToString("/api/cases/" + caseCode);
    assertThat(runtimeService.getVariables(pi.getId()).values()).noneMatch(v -> String.valueOf(v).contains(referral.victim().name()));
  }

  @Test
  void badInputNamesEveryProblemByField() {
    ReferralRequest bad = new ReferralRequest("CARRIER_PIGEON", " ",
        new ReferralRequest.PartyRequest(null, "12/04/1986", true, null, null, null, null),
        null, List.of("soo 1"), "EXTREME", null, null, null);
    ResponseEntity<Map<String, Object>> answer = post("coordinator", bad);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    @SuppressWarnings("unchecked")
    Map<String, String> problems = (Map<String, String>) answer.getBody().get("problems");
    assertThat(problems).containsOnlyKeys("route", "externalReference", "victim.name", "victim.dateOfBirth",
        "victim.staffNumber", "perpetrator", "riskLevel", "knownTo");
    assertThat(problems.get("route")).contains("CALL_999").contains("IOPC");
  }

  @Test
  void aWrongTypeIsNamedToo() {
    ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("coordinator", "demo").exchange("/api/referrals",
        HttpMethod.POST, jsonEntity("{\"route\":\"MASH\",\"victim\":{\"policeEmployee\":\"perhaps\"}}"), JSON);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("problems")).isEqualTo(Map.of("victim.policeEmployee", "wrong type"));
  }

  @Test
  void aReferralWithNoPoliceEmployeeIsRefusedWithTheReason() {
    ReferralRequest r = Referrals.policeVictim("CALL_101");
    ReferralRequest civilians = new ReferralRequest(r.route(), r.externalReference(),
        new ReferralRequest.PartyRequest("A Civilian", null, false, null, null, null, null),
        new ReferralRequest.PartyRequest("B Civilian", null, false, null, null, null, null),
        List.of(), "STANDARD", false, false, false);
    ResponseEntity<Map<String, Object>> answer = post("coordinator", civilians);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("problems")).isEqualTo(Map.of("policeEmployee", ReferralValidator.NOT_POLICE_RELATED));
    assertThat(countCases(r.externalReference())).isZero();
  }

  @Test
  void aSecondReferralWithAnOpenCasesReferenceAnswers409WithItsCaseCode() {
    ReferralRequest referral = Referrals.policeVictim("PSD");
    String first = (String) post("coordinator", referral).getBody().get("caseCode");
    ResponseEntity<Map<String, Object>> again = post("coordinator", referral);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("caseCode")).isEqualTo(first);
    assertThat(countCases(referral.externalReference())).isEqualTo(1);
  }

  @Test
  void twoRacingReferralsMakeOneCase() throws Exception {
    ReferralRequest referral = Referrals.policeVictim("MASH");
    CountDownLatch ready = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<HttpStatus> call = () -> {
        ready.await();
        return HttpStatus.valueOf(post("coordinator", referral).getStatusCode().value());
      };
      List<Future<HttpStatus>> results = new ArrayList<>(List.of(pool.submit(call), pool.submit(call)));
      ready.countDown();
      List<HttpStatus> statuses = new ArrayList<>();
      for (Future<HttpStatus> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
    } finally {
      pool.shutdownNow();
    }
    assertThat(countCases(referral.externalReference())).isEqualTo(1);
  }

  @Test
  void onlyCoordinatorsMayPostReferrals() {
    assertThat(post("soo1", Referrals.policeVictim("MASH")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("manager", Referrals.policeVictim("MASH")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void identitiesGoToCoordinatorsTheAllocatedSooAndPsdOnly() {
    ReferralRequest referral = Referrals.policeVictim("IDVA");
    String caseCode = (String) post("coordinator", referral).getBody().get("caseCode");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("oversightCase").processInstanceBusinessKey(caseCode).singleResult();
    CaseDriver driver = new CaseDriver(runtimeService);
    driver.reviewHistory(pi);
    String soo = driver.allocateAsRecommended(pi);
    String otherSoo = List.of("soo1", "soo2", "soo3", "soo4", "soo5").stream().filter(s -> !s.equals(soo)).findFirst().orElseThrow();

    for (String allowed : List.of("coordinator", soo, "psd1")) {
      ResponseEntity<Map<String, Object>> answer = identity(allowed, caseCode);
      assertThat(answer.getStatusCode()).as(allowed).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody().toString()).contains(referral.victim().name()).contains(referral.externalReference());
    }
    for (String refused : List.of(otherSoo, "manager", "chair", "panel1", "partner1", "analyst", "admin")) {
      ResponseEntity<Map<String, Object>> answer = identity(refused, caseCode);
      assertThat(answer.getStatusCode()).as(refused).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(answer.getBody().toString()).doesNotContain(referral.victim().name());
    }
    Integer refusals = jdbc.queryForObject(
        "select count(*) from access_audit where case_code = ? and action = 'READ_IDENTITY' and outcome = 'REFUSED'", Integer.class, caseCode);
    Integer reads = jdbc.queryForObject(
        "select count(*) from access_audit where case_code = ? and action = 'READ_IDENTITY' and outcome = 'ALLOWED'", Integer.class, caseCode);
    assertThat(refusals).isEqualTo(7);
    assertThat(reads).isEqualTo(3);
  }

  private ResponseEntity<Map<String, Object>> identity(String user, String caseCode) {
    return rest.withBasicAuth(user, "demo").exchange("/api/cases/" + caseCode + "/identity?purpose=CONTACT_VICTIM", HttpMethod.GET, null, JSON);
  }

  private int countCases(String reference) {
    // The reference is sealed in the vault (issue #17): open cases are found by its keyed hash.
    return jdbc.queryForObject("select count(*) from case_identity where open_reference_key = ?", Integer.class,
        referenceKeys.keyOf(reference));
  }

  private ResponseEntity<Map<String, Object>> post(String user, ReferralRequest referral) {
    return rest.withBasicAuth(user, "demo").exchange("/api/referrals", HttpMethod.POST, new HttpEntity<>(referral), JSON);
  }

  private static HttpEntity<String> jsonEntity(String body) {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
